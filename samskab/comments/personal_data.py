"""What comments store about a person (for "download my data") and what happens to them
when the person deletes their account (see ``samskab.accounts.personal_data``).

On deletion a citizen's comments are emptied, not kept without a name: what someone wrote
is their personal data (it can name them, their street, their children, and their style
identifies them), so the text goes. Each becomes a "deleted" line, as if they had deleted
it themselves, so that the replies of others keep their place in the thread. Official
replies written by municipal staff are the municipality's answers, not the employee's own
words: they stay, without the employee's name.
"""

from samskab.comments import services
from samskab.comments.models import Comment


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> dict:
    comments = Comment.objects.filter(author=user).select_related("target_type")
    return {
        "comments": [
            {
                "on": f"{comment.target_type.app_label}.{comment.target_type.model}",
                "on_id": comment.target_id,
                "reply_to": comment.parent_id,
                "stance": comment.stance,
                "text": comment.text,
                "official": comment.is_official,
                "moderation": comment.moderation_state,
                "reason_given": comment.moderation_reason,
                "written_at": _iso(comment.created_at),
                "edited_at": _iso(comment.edited_at),
                "deleted_at": _iso(comment.deleted_at),
            }
            for comment in comments
        ]
    }


def forget_personal_data(user) -> None:
    services.forget_author(user)
