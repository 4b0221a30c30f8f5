"""The volunteer's certificate page and PDF, and the public verification pages.

The PDF and revoking are for the certificate's own volunteer only: anyone else gets 404, so
a certificate's number reveals nothing. The verification pages show a certificate's content
only when it is genuine and unchanged, and nothing beyond that content."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.certificates import pdf, selectors, services
from samskab.certificates.codes import normalise_code
from samskab.certificates.errors import CertificateError
from samskab.certificates.forms import IssueCertificateForm, VerifyCodeForm
from samskab.certificates.models import Certificate
from samskab.certificates.presentation import present
from samskab.core.view_helpers import add_service_error


def _initial_language() -> str:
    language = get_language() or Certificate.Language.DANISH
    return language if language in Certificate.Language.values else Certificate.Language.DANISH


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    language = _initial_language()
    records = selectors.volunteer_record(request.user, language=language)
    if request.method == "POST":
        form = IssueCertificateForm(request.POST, records=records)
        if form.is_valid():
            data = form.cleaned_data
            try:
                certificate = services.issue_certificate(
                    volunteer=request.user,
                    name=data["name"],
                    language=data["language"],
                    organisation_ids=data["organisations"],
                )
            except CertificateError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your certificate %(code)s is ready. Download it below.")
                    % {"code": certificate.formatted_code},
                )
                return redirect("certificates:mine")
    else:
        form = IssueCertificateForm(
            records=records,
            initial={
                "name": request.user.display_name,
                "language": language,
                "organisations": [record.organisation_id for record in records],
            },
        )
    return render(
        request,
        "certificates/mine.html",
        {
            "form": form,
            "records": records,
            "certificates": selectors.certificates_of(request.user),
        },
    )


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    certificate = selectors.own_certificate(user=request.user, pk=pk)
    if certificate is None or certificate.is_revoked:
        raise Http404
    response = HttpResponse(pdf.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.pdf_filename(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def revoke(request, pk: int):
    certificate = selectors.own_certificate(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    try:
        services.revoke_certificate(certificate=certificate, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The certificate %(code)s is withdrawn. Its verification page now says so.")
            % {"code": certificate.formatted_code},
        )
    return redirect("certificates:mine")


@require_GET
def check(request):
    """The form to type a code; a valid code goes on to its verification page."""
    form = VerifyCodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/check.html", {"form": form})


@require_GET
def verify(request, code: str):
    normalised = normalise_code(code)
    if normalised is not None and normalised != code:
        return redirect("certificates:verify", code=normalised)
    verification = selectors.verify(code)
    context = {
        "verification": verification,
        "typed_code": code,
        # Only a code that found nothing is worth correcting in the form.
        "form": VerifyCodeForm(
            initial={"code": code} if verification.state == verification.UNKNOWN else None
        ),
        "presented": present(verification.certificate) if verification.content else None,
    }
    status = 404 if verification.state == verification.UNKNOWN else 200
    return render(request, "certificates/verify.html", context, status=status)
