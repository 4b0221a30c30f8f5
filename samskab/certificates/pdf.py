"""The certificate as a PDF, rendered by WeasyPrint from an HTML template.

WeasyPrint would fetch any URL a document names. Here it gets ``LocalOnlyFetcher``, which
serves the vendored IBM Plex Sans font files (found through the staticfiles finders, as
``file://`` URLs) and ``data:`` images (the QR code) and refuses everything else, so
rendering a certificate never touches the network or any other file on the machine.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from samskab.certificates.models import Certificate
from samskab.certificates.presentation import present
from samskab.core.emails import absolute_url

logger = logging.getLogger(__name__)

STYLESHEET = "certificates/certificate-pdf.css"
FONT_DIRECTORY = "vendor/dkfds/fonts/IBMPlexSans/complete/woff2"
# (CSS weight, style, file) of the faces the certificate uses.
FONT_FACES = (
    (400, "normal", "IBMPlexSans-Regular.woff2"),
    (400, "italic", "IBMPlexSans-Italic.woff2"),
    (600, "normal", "IBMPlexSans-SemiBold.woff2"),
    (700, "normal", "IBMPlexSans-Bold.woff2"),
)


class LocalOnlyFetcher(URLFetcher):
    """Serves only the given local files and ``data:`` URLs; records what it refused."""

    def __init__(self, allowed_files: dict[str, Path]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self._allowed = {str(path.resolve()): path for path in allowed_files.values()}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            # Decoded by urllib's DataHandler in this process; nothing is fetched.
            return super().fetch(url, headers)
        if scheme == "file":
            path = str(Path(unquote(urlsplit(url).path)).resolve())
            if path in self._allowed:
                return URLFetcherResponse(
                    url,
                    self._allowed[path].read_bytes(),
                    headers={"Content-Type": "font/woff2"},
                )
        self.refused.append(url)
        raise ValueError(f"The certificate may not load {url!r}.")


def font_files() -> dict[str, Path]:
    """CSS ``src`` URL → file, for each face, from the static files (no collectstatic
    needed: the finders look in the apps' static folders)."""
    files = {}
    for _weight, _style, name in FONT_FACES:
        found = finders.find(f"{FONT_DIRECTORY}/{name}")
        if found is None:
            raise FileNotFoundError(f"The font {name} is missing from the static files.")
        path = Path(found)
        files[path.resolve().as_uri()] = path
    return files


def verification_url(certificate: Certificate) -> str:
    """The absolute address of the certificate's verification page, in its language."""
    with translation.override(certificate.language):
        path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return absolute_url(path)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=0, dark="#1a1a1a")


def font_face_css(fonts: dict[str, Path]) -> str:
    """@font-face rules pointing at the font files (file:// URLs from ``font_files``)."""
    return "\n".join(
        f'@font-face {{ font-family: "IBM Plex Sans"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{url}") format("woff2"); }}'
        for (weight, style, _name), url in zip(FONT_FACES, fonts, strict=True)
    )


def stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if found is None:
        raise FileNotFoundError(f"{STYLESHEET} is missing from the static files.")
    return Path(found)


def certificate_html(certificate: Certificate) -> str:
    """The certificate's HTML in its own language, as WeasyPrint renders it."""
    url = verification_url(certificate)
    with translation.override(certificate.language):
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                "certificate": certificate,
                "presented": present(certificate),
                "verification_url": url,
                "verification_address": url.split("://", 1)[-1],
                "qr_code": qr_data_uri(url),
            },
        )


def render_pdf(certificate: Certificate) -> bytes:
    fonts = font_files()
    fetcher = LocalOnlyFetcher(fonts)
    font_config = FontConfiguration()
    stylesheets = [
        CSS(string=font_face_css(fonts), url_fetcher=fetcher, font_config=font_config),
        CSS(filename=str(stylesheet_path()), url_fetcher=fetcher, font_config=font_config),
    ]
    pdf = HTML(string=certificate_html(certificate), url_fetcher=fetcher).write_pdf(
        stylesheets=stylesheets, font_config=font_config
    )
    if fetcher.refused:
        logger.warning("The certificate PDF refused to load: %s", ", ".join(fetcher.refused))
    return pdf


def pdf_filename(certificate: Certificate) -> str:
    with translation.override(certificate.language):
        stem = translation.gettext("volunteer-certificate")
    return f"{stem}-{certificate.formatted_code}.pdf"
