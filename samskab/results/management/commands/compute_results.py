from django.core.management.base import BaseCommand

from samskab.results import services


class Command(BaseCommand):
    help = (
        "Compute every indicator's figures now (the background worker does this on its "
        "own). --from-scratch recomputes every period, final ones included."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-scratch", action="store_true")

    def handle(self, *args, from_scratch=False, **options):
        done = services.compute_all(from_scratch=from_scratch)
        self.stdout.write(f"Computed {done} indicators.")
