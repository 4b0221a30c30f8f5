from django import forms

from samskab.notifications.models import NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["direct", "following"]
        widgets = {"direct": forms.RadioSelect, "following": forms.RadioSelect}
