"""What certificates store about a person (for "download my data") and what happens to it
when they delete their account (see ``samskab.accounts.personal_data``)."""

from samskab.certificates import selectors, services


def collect_personal_data(user) -> list[dict]:
    return [
        {
            "verification_code": certificate.formatted_code,
            "language": certificate.language,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "content": certificate.content,
            "content_sha256": certificate.content_hash,
        }
        for certificate in selectors.certificates_of(user)
    ]


def forget_personal_data(user) -> None:
    """Certificates are revoked and their content deleted; the code stays, so anyone who
    checks it is told the certificate was revoked."""
    services.forget_certificates(user)
