"""A fresh key for DOCUMENTS_KEY, the key clients' documents are stored encrypted with."""

from django.core.management.base import BaseCommand

from crisis_center import sealed


class Command(BaseCommand):
    help = (
        "Print a fresh random key for DOCUMENTS_KEY (32 bytes, urlsafe base64). Set it once, "
        "before the first document is uploaded, and keep a copy apart from the server."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(sealed.generate_key())
