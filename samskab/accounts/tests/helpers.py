import re
from urllib.parse import urlsplit

# Every email subject ends with the name of the service after an en dash.
SUBJECT_END = " \N{EN DASH} Samskab"


def link_in(message, path_fragment):
    """The path of the first link in an email body whose path contains ``path_fragment``."""
    match = re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", message.body)
    assert match, f"No link containing {path_fragment!r} in:\n{message.body}"
    return urlsplit(match.group(0)).path


def without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def is_logged_in(client):
    return "_auth_user_id" in client.session
