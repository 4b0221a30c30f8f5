"""What moderation stores about a person (for "download my data") and what goes when they
delete their account (see ``samskab.accounts.personal_data``).

- Reports a person made are theirs: they go with the account (the foreign key cascades;
  ``forget`` deletes them explicitly too, so the rule does not hang on the key alone). The
  decisions they caused stay: an item hidden after reports stays hidden until staff decide.
- Decisions a staff member made stay as the municipality's record, without their name
  (``decided_by`` is set to null).
- The moderation state of what a person wrote belongs to that content's own app.
"""

from samskab.moderation.models import Report, Review


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> dict:
    reports = Report.objects.filter(reporter=user).select_related("target_type")
    decisions = Review.objects.filter(decided_by=user).select_related("target_type")
    return {
        "reports": [
            {
                "about": f"{report.target_type.app_label}.{report.target_type.model}",
                "id": report.target_id,
                "reason": report.reason,
                "text": report.text,
                "reported_at": _iso(report.created_at),
            }
            for report in reports
        ],
        "moderation_decisions": [
            {
                "about": f"{review.target_type.app_label}.{review.target_type.model}",
                "id": review.target_id,
                "decision": review.outcome,
                "reason": review.reason,
                "decided_at": _iso(review.closed_at),
            }
            for review in decisions
        ],
    }


def forget_personal_data(user) -> None:
    Report.objects.filter(reporter=user).delete()
    Review.objects.filter(decided_by=user).update(decided_by=None)
