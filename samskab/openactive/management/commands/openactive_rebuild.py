from django.core.management.base import BaseCommand

from samskab.openactive import publishing


class Command(BaseCommand):
    help = (
        "Render every activity and coming session for the OpenActive feeds again and publish "
        "what differs: after data was written without signals (manage.py generate_data)."
    )

    def handle(self, *args, **options):
        noted = publishing.note_everything()
        published = publishing.publish()
        self.stdout.write(f"Noted {noted} items; published {published} new versions.")
