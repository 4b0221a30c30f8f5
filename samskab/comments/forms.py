"""The comment form, for new comments, replies and edits. What is typed is refused only
for what must not be published (a CPR or phone number: ``core.validators``); a refused
form is shown again with the text as it was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.comments.models import MAX_LENGTH, Comment
from samskab.core.validators import refuse_personal_numbers


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        validators=[refuse_personal_numbers],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Everyone can read what you write, with your display name. Do not write CPR "
            "numbers, phone numbers or other personal information."
        ),
        error_messages={"required": _("Write something before you post.")},
    )
    stance = forms.ChoiceField(
        label=_("Your view"),
        choices=[("", _("No particular view")), *Comment.Stance.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    official = forms.BooleanField(
        label=_("Post as the municipality's official reply"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, staff: bool = False, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reply:
            self.fields["text"].label = _("Your reply")
            del self.fields["stance"]
        if not staff:
            del self.fields["official"]

    def service_arguments(self) -> dict:
        return {
            "text": self.cleaned_data["text"],
            "stance": self.cleaned_data.get("stance", ""),
            "official": self.cleaned_data.get("official", False),
        }


class EditForm(CommentForm):
    """Editing keeps the comment's kind (reply or not); "official" is decided once."""

    def __init__(self, *args, comment: Comment, **kwargs):
        super().__init__(*args, staff=False, reply=comment.is_reply, **kwargs)
        if not self.is_bound:
            self.initial = {"text": comment.text, "stance": comment.stance}

    def service_arguments(self) -> dict:
        return {"text": self.cleaned_data["text"], "stance": self.cleaned_data.get("stance", "")}
