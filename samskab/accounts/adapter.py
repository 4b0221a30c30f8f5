from allauth.account.adapter import DefaultAccountAdapter
from django.urls import translate_url


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Send the user on in the language they chose in their profile."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        return translate_url(url, language) if language else url
