"""A visitor who signed up with an email address and later creates an account with it gets
those sign-ups in their account: as soon as allauth has verified the address, and again at
each login (for sign-ups made as a visitor while logged out)."""

from allauth.account.signals import email_confirmed, user_logged_in


def claim_after_email_confirmed(sender, request=None, email_address=None, **kwargs):
    from samskab.booking.services import claim_guest_bookings

    if email_address is not None and email_address.user_id:
        claim_guest_bookings(user=email_address.user)


def claim_after_login(sender, request=None, user=None, **kwargs):
    from samskab.booking.services import claim_guest_bookings

    if user is not None:
        claim_guest_bookings(user=user)


def connect():
    email_confirmed.connect(claim_after_email_confirmed, dispatch_uid="booking_claim_on_confirm")
    user_logged_in.connect(claim_after_login, dispatch_uid="booking_claim_on_login")
