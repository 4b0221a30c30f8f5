"""When a match in play disappears with its volunteer (their profile or account is deleted,
whichever app deletes it first), the person they visited goes back on the waiting list,
keeping the time they have waited."""

from django.db.models.signals import pre_delete

from samskab.visiting.models import VisitMatch, VisitRequest


def match_deleted(sender, instance: VisitMatch, **kwargs):
    if instance.status in VisitMatch.LIVE_STATUSES:
        VisitRequest.objects.filter(
            pk=instance.request_id,
            status__in=(VisitRequest.Status.PROPOSED, VisitRequest.Status.MATCHED),
        ).update(status=VisitRequest.Status.WAITING)


def connect() -> None:
    pre_delete.connect(match_deleted, sender=VisitMatch, dispatch_uid="visiting_match_deleted")
