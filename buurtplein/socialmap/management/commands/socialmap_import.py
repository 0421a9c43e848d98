"""``manage.py socialmap_import``: load an Open Referral HSDS file into a neighbourhood."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from buurtplein.core.models import Neighbourhood
from buurtplein.socialmap import hsds


class Command(BaseCommand):
    help = (
        "Import services into one neighbourhood's sociale kaart from an Open Referral HSDS "
        "file: JSON (a list of service objects, or a page of the HSDS API) or a CSV data "
        "package (a ZIP with services.csv, organizations.csv, locations.csv, schedules.csv "
        "…). Services are created or updated by their id; organisations are found by their "
        "id or exact name among the neighbourhood's organisations, else created. Each record "
        "is checked first and a refused one is reported with the reason; the others are "
        "imported in one transaction. Services not in the file are left alone. Use --dry-run "
        "to see the report without importing."
    )

    def add_arguments(self, parser):
        parser.add_argument("neighbourhood", help="The neighbourhood's slug, e.g. nijmegen-oost.")
        parser.add_argument("file", help="The HSDS file: .json, or .zip for a CSV package.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only check the file and say what would be created, updated or refused.",
        )

    def handle(self, *args, neighbourhood, file, dry_run, **options):
        nb = Neighbourhood.objects.filter(slug=neighbourhood).first()
        if nb is None:
            raise CommandError(f"There is no neighbourhood '{neighbourhood}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        if path.stat().st_size > hsds.MAX_FILE_BYTES:
            raise CommandError(f"{file} is larger than {hsds.MAX_FILE_BYTES} bytes.")
        try:
            plan = hsds.import_file(nb, path.read_bytes(), path.name, dry_run=dry_run)
        except hsds.HsdsFileError as error:
            raise CommandError(str(error)) from None
        for warning in plan.warnings:
            self.stdout.write(f"! {warning}")
        for record in plan.records:
            line = f"{record.number:>5} {record.action:<7} {record.name or record.hsds_id}"
            self.stdout.write(line)
            for error in record.errors:
                self.stdout.write(f"        ✗ {error}")
            for warning in record.warnings:
                self.stdout.write(f"        ! {warning}")
        counts = plan.counts()
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            f"{verb} {counts['create']}, updated {counts['update']}, "
            f"refused {counts['refuse']} service(s) in {nb.name}."
        )
