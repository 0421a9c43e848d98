"""``manage.py socialmap_export``: a neighbourhood's sociale kaart as Open Referral HSDS."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from buurtplein.core.models import Neighbourhood
from buurtplein.socialmap import hsds


class Command(BaseCommand):
    help = (
        "Write the active services of one neighbourhood in the Open Referral Human Services "
        f"Data Specification (HSDS {hsds.HSDS_VERSION}): as JSON (a list of service objects "
        "with their organisation, locations, hours, phones, languages and life domains) or as "
        "a CSV data package (a ZIP with datapackage.json and one CSV per table). Only what "
        "is public: no professionals, only the organisations' contact data. The same data as "
        "the public open-data links of the neighbourhood's sociale kaart."
    )

    def add_arguments(self, parser):
        parser.add_argument("neighbourhood", help="The neighbourhood's slug, e.g. nijmegen-oost.")
        parser.add_argument(
            "--format",
            choices=["json", "csv"],
            default="json",
            help="json (default) or csv (a ZIP with the CSV data package).",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="The file to write; without it JSON goes to standard output (a ZIP needs -o).",
        )

    def handle(self, *args, neighbourhood, format, output, **options):
        nb = Neighbourhood.objects.filter(slug=neighbourhood).first()
        if nb is None:
            raise CommandError(f"There is no neighbourhood '{neighbourhood}'.")
        if format == "csv":
            if not output:
                raise CommandError("A CSV package is a ZIP file: say where with -o/--output.")
            data = hsds.export_package(nb)
        else:
            data = json.dumps(hsds.export_json(nb), ensure_ascii=False, indent=2).encode()
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Wrote {len(data)} bytes to {output}.")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode())
