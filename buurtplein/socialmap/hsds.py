"""Open data: the sociale kaart in the Open Referral Human Services Data Specification (HSDS 3).

Export
    :func:`export_json` gives a neighbourhood's *active* services as a list of HSDS ``service``
    objects, each with its ``organization``, ``service_at_locations`` (with the ``location``,
    its ``addresses`` and ``accessibility``), ``schedules``, ``phones``, ``languages``,
    ``cost_options``, ``service_areas`` and ``attributes`` (life domains, target groups and the
    help chat as terms of one small Buurtplein taxonomy). :func:`export_package` gives the same
    as an HSDS tabular data package: ``datapackage.json`` and one CSV per table, in a ZIP.
    Nothing personal is in it: no professionals, only the organisations' own contact data.

Import
    :func:`read_file` reads either format into the nested form (a CSV package is joined back
    into service objects), :func:`plan_import` checks every record and says per record what
    will be created, updated or refused and why, and :func:`apply_import` writes the plan in
    one transaction. Services are matched by ``id`` (our ``Service.uid``), organisations by
    their id (remembered in :class:`~buurtplein.socialmap.models.HsdsOrganisation`) or else by
    exact name among the organisations active in the neighbourhood; new ones are created.

Ids are the rows' ``uid``; rows we do not store (schedules, phones, addresses …) get ids
derived from their owner's (UUID 5), so that the same data always has the same ids. An id that
is not a UUID becomes the UUID 5 of its text: importing the same file again updates the same
services. Times are Dutch local time (a zone suffix is read but not converted).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scope

from buurtplein.accounts.models import LANGUAGE_CHOICES, Organisation
from buurtplein.socialmap import finding, selectors
from buurtplein.socialmap.models import (
    Hours,
    HsdsOrganisation,
    LifeDomain,
    Location,
    Service,
    State,
    TargetGroup,
)

HSDS_VERSION = "3.1"
NAMESPACE = uuid.UUID("6f1d8c52-3b7e-5a0e-9d3c-2b8f4e1a7c90")
MAX_FILE_BYTES = 5 * 1024 * 1024
"""The largest file an import reads (JSON, or the ZIP of a CSV package)."""
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""…and the most a ZIP may unpack to (against zip bombs)."""
MAX_SERVICES = 10_000

TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:buurtplein"))
TAXONOMY_NAME = "Buurtplein"
CHAT_TERM = "contact:chat"
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ATTENDING = {
    Hours.Kind.OPEN: "in person",
    Hours.Kind.WALK_IN: "walk-in",
    Hours.Kind.CONSULTATION: "by appointment",
    Hours.Kind.PHONE: "phone",
}
# How an imported schedule's kind is recognised in its attending_type, then its description.
KIND_WORDS = [
    (Hours.Kind.WALK_IN, re.compile(r"walk[- ]?in|inloop|drop[- ]?in", re.I)),
    (Hours.Kind.CONSULTATION, re.compile(r"appointment|afspraak|spreekuur|consult", re.I)),
    (Hours.Kind.PHONE, re.compile(r"phone|telefo|bellen|\bcall", re.I)),
    (Hours.Kind.OPEN, re.compile(r"in person|open", re.I)),
]
WHEELCHAIR_WORDS = re.compile(r"wheelchair|rolstoel|step[- ]free|drempelvrij", re.I)
HEARING_LOOP_WORDS = re.compile(r"hearing loop|induction loop|ringleiding|solenoïde", re.I)
FREE_WORDS = re.compile(r"^\s*(gratis|free|kosteloos|geen kosten|no charge)\b", re.I)
LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}
LANGUAGE_ALIASES = {
    "nld": "nl",
    "dut": "nl",
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "pol": "pl",
    "tur": "tr",
    "ara": "ar",
    "ukr": "uk",
    "fry": "fy",
    "ngt": "nl-sign",
    "nederlands": "nl",
    "dutch": "nl",
    "engels": "en",
    "english": "en",
}

# The CSV tables of the package: file name → the HSDS columns of that table.
TABLES = {
    "organization": ("organizations.csv", ["id", "name", "alternate_name", "description",
                     "email", "website", "tax_status", "tax_id", "year_incorporated",
                     "legal_status", "logo", "uri", "parent_organization_id"]),
    "service": ("services.csv", ["id", "organization_id", "program_id", "name",
                "alternate_name", "description", "url", "email", "status",
                "interpretation_services", "application_process", "fees_description",
                "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age",
                "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
                "last_modified"]),
    "location": ("locations.csv", ["id", "location_type", "url", "organization_id", "name",
                 "alternate_name", "description", "transportation", "latitude", "longitude",
                 "external_identifier", "external_identifier_type"]),
    "service_at_location": ("service_at_locations.csv", ["id", "service_id", "location_id",
                            "description"]),
    "address": ("addresses.csv", ["id", "location_id", "attention", "address_1", "address_2",
                "city", "region", "state_province", "postal_code", "country", "address_type"]),
    "accessibility": ("accessibility.csv", ["id", "location_id", "description", "details",
                      "url"]),
    "schedule": ("schedules.csv", ["id", "service_id", "location_id", "service_at_location_id",
                 "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst",
                 "freq", "interval", "byday", "byweekno", "bymonthday", "byyearday",
                 "description", "opens_at", "closes_at", "schedule_link", "attending_type",
                 "notes"]),
    "phone": ("phones.csv", ["id", "location_id", "service_id", "organization_id", "contact_id",
              "service_at_location_id", "number", "extension", "type", "description"]),
    "language": ("languages.csv", ["id", "service_id", "location_id", "phone_id", "name",
                 "code", "note"]),
    "cost_option": ("cost_options.csv", ["id", "service_id", "valid_from", "valid_to",
                    "option", "currency", "amount", "amount_description"]),
    "service_area": ("service_areas.csv", ["id", "service_id", "service_at_location_id",
                     "name", "description", "extent", "extent_type", "uri"]),
    "taxonomy": ("taxonomies.csv", ["id", "name", "description", "uri", "version"]),
    "taxonomy_term": ("taxonomy_terms.csv", ["id", "code", "name", "description", "parent_id",
                      "taxonomy", "language", "taxonomy_id", "term_uri"]),
    "attribute": ("attributes.csv", ["id", "link_id", "taxonomy_term_id", "link_type",
                  "link_entity", "value", "label"]),
}  # fmt: skip


def _id(*parts) -> str:
    """A stable id for a row we do not store, derived from its owner's."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def _term_code(kind: str, code: str) -> str:
    return f"{kind}:{code}"


def _terms() -> dict[str, dict]:
    """The Buurtplein taxonomy: life domains, target groups and the help chat, by code."""
    terms = {}
    with translation.override("en"):
        for kind, choices in (("life_domain", LifeDomain), ("target_group", TargetGroup)):
            for choice in choices:
                code = _term_code(kind, choice.value)
                terms[code] = {"code": code, "name": str(choice.label)}
        terms[CHAT_TERM] = {"code": CHAT_TERM, "name": "Online help chat"}
    for code, term in terms.items():
        term.update(
            id=_id("term", code),
            description=None,
            parent_id=None,
            taxonomy=TAXONOMY_NAME,
            taxonomy_id=TAXONOMY_ID,
            language="en",
            term_uri=None,
        )
    return terms


@functools.cache
def _term_ids() -> dict[str, str]:
    """The Buurtplein taxonomy's codes by term id."""
    return {term["id"]: code for code, term in _terms().items()}


# ---------------------------------------------------------------------------------------------
# Export


def organisation_ids(neighbourhood, organisations) -> dict[int, str]:
    """The HSDS id of each organisation in ``neighbourhood``: the one an import remembered,
    else one derived from the organisation (the same for every neighbourhood)."""
    ids = {org.pk: _id("organisation", org.pk) for org in organisations}
    with scope(neighbourhood=neighbourhood):
        for pk, hsds_id in HsdsOrganisation.objects.filter(
            organisation__in=[org.pk for org in organisations]
        ).values_list("organisation_id", "hsds_id"):
            ids[pk] = hsds_id
    return ids


def _local_date(moment: datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


def _organization_json(org: Organisation, oid: str) -> dict:
    return {
        "id": oid,
        "name": org.name,
        "description": org.description_nl or org.description_en or "",
        "email": org.email or None,
        "website": org.website or None,
        "phones": (
            [{"id": _id(oid, "phone"), "organization_id": oid, "number": org.phone}]
            if org.phone
            else []
        ),
    }


def _schedule_json(hours: Hours, sid: str, lid: str | None, salid: str | None) -> dict:
    opens, closes = hours.opens_at.strftime("%H:%M"), hours.closes_at.strftime("%H:%M")
    return {
        "id": _id(sid, "schedule", hours.kind, hours.weekday, opens, closes, lid or ""),
        "service_id": sid,
        "location_id": lid,
        "service_at_location_id": salid,
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": DAYS[hours.weekday],
        "opens_at": opens,
        "closes_at": closes,
        "attending_type": ATTENDING[hours.kind],
        "description": hours.note or None,
    }


def _location_json(location: Location) -> dict:
    lid = str(location.uid)
    access = []
    if location.wheelchair:
        access.append(
            {
                "id": _id(lid, "wheelchair"),
                "location_id": lid,
                "description": "Wheelchair accessible",
                "details": "Rolstoeltoegankelijk",
            }
        )
    if location.hearing_loop:
        access.append(
            {
                "id": _id(lid, "hearing_loop"),
                "location_id": lid,
                "description": "Hearing loop",
                "details": "Ringleiding aanwezig",
            }
        )
    return {
        "id": lid,
        "location_type": "physical",
        "name": location.name or None,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "addresses": [
            {
                "id": _id(lid, "address"),
                "location_id": lid,
                "address_1": location.address,
                "city": location.city,
                "state_province": "",
                "postal_code": location.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ],
        "accessibility": access,
    }


def _description(service: Service) -> str:
    """HSDS has one description: our summary is its first paragraph."""
    if service.description:
        return f"{service.summary}\n\n{service.description}"
    return service.summary


def service_json(service: Service, oid: str, neighbourhood, terms: dict) -> dict:
    sid = str(service.uid)
    hours = list(service.hours.all())
    service_at_locations = []
    for location in service.locations.all():
        lid = str(location.uid)
        salid = _id(sid, "at", lid)
        service_at_locations.append(
            {
                "id": salid,
                "service_id": sid,
                "location_id": lid,
                "location": _location_json(location),
                "schedules": [
                    _schedule_json(h, sid, lid, salid)
                    for h in hours
                    if h.location_id == location.pk
                ],
            }
        )
    attributes = []
    codes = [_term_code("life_domain", code) for code in service.life_domains if code in LifeDomain]
    codes += [
        _term_code("target_group", code) for code in service.target_groups if code in TargetGroup
    ]
    for code in codes + ([CHAT_TERM] if service.chat_url else []):
        term = terms[code]
        attributes.append(
            {
                "id": _id(sid, "attribute", code),
                "link_id": sid,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "value": service.chat_url if code == CHAT_TERM else None,
                "taxonomy_term": term,
            }
        )
    with translation.override("en"):
        language_names = {code: str(label) for code, label in LANGUAGE_CHOICES}
    return {
        "id": sid,
        "organization_id": oid,
        "name": service.name,
        "description": _description(service),
        "url": service.website or None,
        "email": service.email or None,
        "status": "active" if service.state == State.ACTIVE else "inactive",
        "application_process": service.how_to_apply or None,
        "fees_description": service.costs or None,
        "eligibility_description": service.eligibility or None,
        "assured_date": _local_date(service.last_checked_at),
        "last_modified": service.updated_at.isoformat(),
        "organization": _organization_json(service.organisation, oid),
        "phones": (
            [{"id": _id(sid, "phone"), "service_id": sid, "number": service.phone, "type": "voice"}]
            if service.phone
            else []
        ),
        "schedules": [_schedule_json(h, sid, None, None) for h in hours if h.location_id is None],
        "languages": [
            {
                "id": _id(sid, "language", code),
                "service_id": sid,
                "name": language_names.get(code, code),
                "code": code,
            }
            for code in service.languages
        ],
        "cost_options": [
            {
                "id": _id(sid, "cost"),
                "service_id": sid,
                "option": service.costs or None,
                "currency": "EUR",
                "amount": 0 if service.is_free else None,
            }
        ],
        "service_areas": [
            {
                "id": _id(sid, "area"),
                "service_id": sid,
                "name": neighbourhood.name,
                "description": neighbourhood.municipality or None,
            }
        ],
        "service_at_locations": service_at_locations,
        "attributes": attributes,
    }


def export_json(neighbourhood) -> list[dict]:
    """The neighbourhood's active services as HSDS service objects (open data)."""
    terms = _terms()
    with scope(neighbourhood=neighbourhood):
        services = list(
            Service.objects.filter(state=State.ACTIVE)
            .select_related("organisation")
            .prefetch_related("locations", "hours")
            .order_by("name", "uid")
        )
    oids = organisation_ids(neighbourhood, {s.organisation for s in services})
    return [service_json(s, oids[s.organisation_id], neighbourhood, terms) for s in services]


def _flatten(services: list[dict]) -> dict[str, list[dict]]:
    """The nested service objects as the rows of the package's tables."""
    rows = {table: [] for table in TABLES}
    seen = set()

    def add(table, row):
        key = (table, row["id"])
        if key not in seen:
            seen.add(key)
            rows[table].append(row)

    for term in _terms().values():
        add("taxonomy_term", term)
    add(
        "taxonomy",
        {
            "id": TAXONOMY_ID,
            "name": TAXONOMY_NAME,
            "description": "Life domains and target groups of the Buurtplein sociale kaart",
            "version": "1",
        },
    )
    for service in services:
        organization = service["organization"]
        add("organization", organization)
        for phone in organization["phones"]:
            add("phone", phone)
        add("service", service)
        for name in ("phones", "schedules", "languages", "cost_options", "service_areas"):
            for row in service[name]:
                add(name[:-1] if name != "phones" else "phone", row)
        for attribute in service["attributes"]:
            add("attribute", attribute)
        for at in service["service_at_locations"]:
            add("service_at_location", at)
            location = at["location"]
            add("location", {**location, "organization_id": service["organization_id"]})
            for address in location["addresses"]:
                add("address", address)
            for access in location["accessibility"]:
                add("accessibility", access)
            for schedule in at["schedules"]:
                add("schedule", schedule)
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value)


def export_package(neighbourhood) -> bytes:
    """The neighbourhood's active services as an HSDS tabular data package in a ZIP."""
    rows = _flatten(export_json(neighbourhood))
    resources = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (path, columns) in TABLES.items():
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            for row in rows[table]:
                writer.writerow([_cell(row.get(column)) for column in columns])
            archive.writestr(path, out.getvalue().encode())
            resources.append(
                {
                    "name": table,
                    "path": path,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": {"fields": [{"name": c, "type": "string"} for c in columns]},
                }
            )
        descriptor = {
            "profile": "tabular-data-package",
            "name": f"buurtplein-{neighbourhood.slug}",
            "title": f"Sociale kaart {neighbourhood.name}",
            "description": f"Open Referral HSDS {HSDS_VERSION}: services of {neighbourhood.name}",
            "created": timezone.now().isoformat(),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=2).encode())
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading a file


class HsdsFileError(Exception):
    """The file as a whole cannot be read (the message says why, for a person)."""


@dataclass
class Reading:
    services: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_file(data: bytes, filename: str = "") -> Reading:
    """Read an HSDS JSON file or a CSV data package (ZIP) into service objects."""
    if len(data) > MAX_FILE_BYTES:
        raise HsdsFileError(
            _("The file is larger than %(max)s MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise HsdsFileError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".zip"):
        return _read_package(data)
    return _read_json(data)


def _read_json(data: bytes) -> Reading:
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise HsdsFileError(_("The file is not UTF-8 text (nor a ZIP file).")) from None
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", "?")
        raise HsdsFileError(
            _("The file is not valid JSON (line %(line)s).") % {"line": line}
        ) from None
    if isinstance(content, dict):
        if isinstance(content.get("contents"), list):  # a page of the HSDS API
            content = content["contents"]
        elif isinstance(content.get("services"), list):
            content = content["services"]
        else:
            content = [content]
    if not isinstance(content, list):
        raise HsdsFileError(_("The file should hold a list of HSDS services."))
    return Reading(services=content)


def _read_package(data: bytes) -> Reading:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise HsdsFileError(_("The file is not a valid ZIP file.")) from None
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise HsdsFileError(_("The ZIP file unpacks to more than we can read."))
    by_name = {info.filename.rsplit("/", 1)[-1].lower(): info for info in infos}
    reading = Reading()
    tables = {}
    known_paths = {path: table for table, (path, _columns) in TABLES.items()}
    for name, info in by_name.items():
        if name == "datapackage.json" or name.startswith("."):
            continue
        table = known_paths.get(name)
        if table is None:
            reading.warnings.append(
                _("%(file)s is not read: it is not one of the tables we use.") % {"file": name}
            )
            continue
        tables[table] = _read_csv(archive, info, name, TABLES[table][1], reading)
    if "service" not in tables:
        raise HsdsFileError(_("The ZIP file has no services.csv."))
    for column in ("id", "name"):
        if tables["service"] and column not in tables["service"][0]:
            raise HsdsFileError(_("services.csv has no column “%(column)s”.") % {"column": column})
    reading.services = _nest(tables)
    return reading


def _read_csv(archive, info, name, columns, reading) -> list[dict]:
    try:
        with archive.open(info) as handle:
            raw = handle.read(MAX_UNPACKED_BYTES + 1)
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HsdsFileError(_("%(file)s is not UTF-8 text.") % {"file": name}) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # What a damaged or unusual upload raises while one member is unpacked: a bad CRC or
        # header (BadZipFile, OSError), a truncated stream (EOFError, ValueError), a compression
        # method zipfile cannot read (NotImplementedError). Said in words, never a server error.
        raise HsdsFileError(_("%(file)s cannot be unpacked.") % {"file": name}) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        unknown = [column for column in header if column not in columns]
        if unknown:
            reading.warnings.append(
                _("%(file)s: column(s) %(columns)s are not HSDS and were not read.")
                % {"file": name, "columns": ", ".join(f"“{c}”" for c in unknown)}
            )
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise HsdsFileError(
                    _("%(file)s, line %(line)s: more cells than columns.")
                    % {"file": name, "line": number}
                )
            rows.append({key: (value if value != "" else None) for key, value in row.items()})
    except csv.Error as error:
        raise HsdsFileError(
            _("%(file)s is not a valid CSV file (%(error)s).") % {"file": name, "error": error}
        ) from None
    return rows


def _group(rows, key):
    grouped = {}
    for row in rows:
        if row.get(key):
            grouped.setdefault(row[key], []).append(row)
    return grouped


def _nest(tables: dict[str, list[dict]]) -> list[dict]:
    """Join the package's tables back into service objects."""
    get = lambda table: tables.get(table, [])  # noqa: E731
    organizations = {row["id"]: row for row in get("organization") if row.get("id")}
    org_phones = _group(get("phone"), "organization_id")
    service_phones = _group(get("phone"), "service_id")
    locations = {row["id"]: row for row in get("location") if row.get("id")}
    addresses = _group(get("address"), "location_id")
    access = _group(get("accessibility"), "location_id")
    terms = {row["id"]: row for row in get("taxonomy_term") if row.get("id")}
    schedules_at = _group(get("schedule"), "service_at_location_id")
    schedules_of = _group(
        [row for row in get("schedule") if not row.get("service_at_location_id")], "service_id"
    )
    schedules_of_location = _group(
        [row for row in get("schedule") if not row.get("service_id")], "location_id"
    )
    languages = _group(get("language"), "service_id")
    costs = _group(get("cost_option"), "service_id")
    areas = _group(get("service_area"), "service_id")
    attributes = _group(get("attribute"), "link_id")
    at_locations = _group(get("service_at_location"), "service_id")
    services = []
    for row in get("service"):
        sid = row.get("id")
        service = dict(row)
        org = organizations.get(row.get("organization_id"))
        if org is not None:
            service["organization"] = {**org, "phones": org_phones.get(org["id"], [])}
        service["phones"] = service_phones.get(sid, [])
        service["schedules"] = schedules_of.get(sid, [])
        service["languages"] = languages.get(sid, [])
        service["cost_options"] = costs.get(sid, [])
        service["service_areas"] = areas.get(sid, [])
        service["attributes"] = [
            {**attribute, "taxonomy_term": terms.get(attribute.get("taxonomy_term_id"))}
            for attribute in attributes.get(sid, [])
        ]
        service["service_at_locations"] = []
        for at in at_locations.get(sid, []):
            location = locations.get(at.get("location_id"))
            nested = {**at, "schedules": schedules_at.get(at.get("id"), [])}
            if location is not None:
                nested["location"] = {
                    **location,
                    "addresses": addresses.get(location["id"], []),
                    "accessibility": access.get(location["id"], []),
                    "schedules": schedules_of_location.get(location["id"], []),
                }
            service["service_at_locations"].append(nested)
        services.append(service)
    return services


# ---------------------------------------------------------------------------------------------
# Checking the records


class Action:
    CREATE = "create"
    UPDATE = "update"
    REFUSE = "refuse"


@dataclass
class PlannedHours:
    kind: str
    weekday: int
    opens_at: time
    closes_at: time
    note: str
    location_uid: uuid.UUID | None


@dataclass
class PlannedLocation:
    uid: uuid.UUID
    name: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    wheelchair: bool
    hearing_loop: bool


@dataclass
class Record:
    number: int
    hsds_id: str = ""
    name: str = ""
    action: str = Action.REFUSE
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organisation: str = ""
    """What the preview says about the organisation ("new: …" or its name)."""
    values: dict = field(default_factory=dict)
    org_key: tuple | None = None
    locations: list[PlannedLocation] = field(default_factory=list)
    hours: list[PlannedHours] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "number": self.number,
            "id": self.hsds_id,
            "name": self.name,
            "action": self.action,
            "organisation": self.organisation,
            "errors": self.errors,
            "warnings": self.warnings,
        }


@dataclass
class Plan:
    neighbourhood: object
    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organisations: dict = field(default_factory=dict)
    """org_key → existing Organisation, or the HSDS organization for a new one."""

    def counts(self) -> dict[str, int]:
        counts = {Action.CREATE: 0, Action.UPDATE: 0, Action.REFUSE: 0}
        for record in self.records:
            counts[record.action] += 1
        return counts

    def report(self) -> dict:
        return {
            "counts": self.counts(),
            "warnings": self.warnings,
            "records": [record.summary() for record in self.records],
        }


def to_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return uuid.UUID(_id("hsds-id", value))


def _text(item: dict, key: str, record: Record, label: str, limit: int, required=False) -> str:
    value = item.get(key)
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        record.errors.append(_("%(field)s should be text.") % {"field": label})
        return ""
    value = str(value).strip()
    if required and not value:
        record.errors.append(_("%(field)s is missing.") % {"field": label})
    elif len(value) > limit:
        record.errors.append(
            _("%(field)s is longer than %(max)s characters.") % {"field": label, "max": limit}
        )
        return value[:limit]
    return value


def _list(item: dict, key: str, record: Record) -> list[dict]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        record.errors.append(_("“%(field)s” should be a list of objects.") % {"field": key})
        return []
    return value


def _parse_time(value, record: Record) -> time | None:
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?", text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute)
    record.errors.append(_("“%(time)s” is not a time like 09:30.") % {"time": text[:20]})
    return None


def _parse_checked(item: dict, record: Record) -> datetime | None:
    """When the service was last checked: ``assured_date``, else ``last_modified``."""
    now = timezone.now()
    assured = item.get("assured_date")
    if assured:
        try:
            day = date.fromisoformat(str(assured)[:10])
            moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
            return min(moment, now)
        except (ValueError, TypeError, OverflowError):
            record.warnings.append(
                _("assured_date “%(value)s” is not a date; left out.")
                % {"value": str(assured)[:30]}
            )
    modified = item.get("last_modified")
    if modified:
        try:
            moment = datetime.fromisoformat(str(modified))
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return min(moment, now)
        except (ValueError, TypeError, OverflowError):
            record.warnings.append(
                _("last_modified “%(value)s” is not a date and time; left out.")
                % {"value": str(modified)[:30]}
            )
    return None


def _kind(schedule: dict) -> str:
    for text in (schedule.get("attending_type"), schedule.get("description")):
        if text and isinstance(text, str):
            for kind, words in KIND_WORDS:
                if words.search(text):
                    return kind
    return Hours.Kind.OPEN


def _plan_hours(schedule: dict, location_uid, record: Record) -> list[PlannedHours]:
    freq = str(schedule.get("freq") or "WEEKLY").upper()
    byday = str(schedule.get("byday") or "").upper().replace(" ", "")
    note = str(schedule.get("description") or schedule.get("notes") or "").strip()[:120]
    if freq != "WEEKLY" or any(re.match(r"[+-]?\d", day) for day in byday.split(",") if day):
        record.warnings.append(
            _("A schedule that is not weekly (%(rule)s) was left out; put it in the description.")
            % {"rule": f"{freq} {byday}".strip()}
        )
        return []
    if not byday and not schedule.get("opens_at"):
        if note:
            record.warnings.append(
                _("The schedule “%(note)s” has no days and times; left out.") % {"note": note[:60]}
            )
        return []
    days = []
    for day in byday.split(",") if byday else []:
        day = day[:2]
        if day not in DAYS:
            record.errors.append(_("“%(day)s” is not a day (MO … SU).") % {"day": day[:10]})
            return []
        days.append(DAYS.index(day))
    if not days:
        record.errors.append(_("A schedule has times but no days (byday)."))
        return []
    opens = _parse_time(schedule.get("opens_at"), record)
    closes = _parse_time(schedule.get("closes_at"), record)
    if opens is None or closes is None:
        return []
    if closes <= opens:
        record.errors.append(
            _("A schedule closes (%(closes)s) before it opens (%(opens)s).")
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        )
        return []
    kind = _kind(schedule)
    return [PlannedHours(kind, day, opens, closes, note, location_uid) for day in days]


def _plan_location(
    location: dict, service_uid, record: Record, taken: dict
) -> PlannedLocation | None:
    raw_id = str(location.get("id") or "").strip()
    if location.get("location_type") == "virtual":
        return None
    addresses = _list(location, "addresses", record)
    address = next(
        (a for a in addresses if (a.get("address_type") or "physical") == "physical"),
        addresses[0] if addresses else None,
    )
    label = location.get("name") or raw_id
    if not address or not str(address.get("address_1") or "").strip():
        record.errors.append(_("The location “%(name)s” has no street address.") % {"name": label})
        return None
    uid = to_uuid(raw_id) if raw_id else uuid.UUID(_id(service_uid, "location", len(taken)))
    if taken.get(uid, service_uid) != service_uid:
        # The register shares this location between services; ours are per service.
        uid = uuid.UUID(_id(service_uid, "location", uid))
    taken[uid] = service_uid
    coordinates = []
    for key, bound in (("latitude", 90), ("longitude", 180)):
        value = location.get(key)
        if value in (None, ""):
            coordinates.append(None)
            continue
        try:
            number = float(value)
            if not -bound <= number <= bound:
                raise ValueError
            coordinates.append(number)
        except (TypeError, ValueError):
            record.errors.append(
                _("The %(field)s of “%(name)s” is not a number.") % {"field": key, "name": label}
            )
            coordinates.append(None)
    access = " ".join(
        f"{a.get('description') or ''} {a.get('details') or ''}"
        for a in _list(location, "accessibility", record)
    )
    street = _text(address, "address_1", record, _("Street address"), 200)
    if address.get("address_2"):
        street = f"{street}, {address['address_2']}"[:200]
    postcode = str(address.get("postal_code") or "").strip()
    if len(postcode) > 7:
        record.warnings.append(
            _("The postcode “%(postcode)s” is too long; left out.") % {"postcode": postcode[:20]}
        )
        postcode = ""
    return PlannedLocation(
        uid=uid,
        name=_text(location, "name", record, _("Name of the place"), 160),
        address=street,
        postcode=postcode,
        city=_text(address, "city", record, _("Town"), 80),
        latitude=coordinates[0],
        longitude=coordinates[1],
        wheelchair=bool(WHEELCHAIR_WORDS.search(access)),
        hearing_loop=bool(HEARING_LOOP_WORDS.search(access)),
    )


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _checked(value: str, validator, record: Record, message: str) -> str:
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        record.errors.append(message % {"value": value[:80]})
        return ""
    return value


def _split_description(text: str) -> tuple[str, str]:
    """Our summary (one sentence) and description from HSDS's one description."""
    text = text.strip()
    first, _sep, rest = text.partition("\n\n")
    if len(first) <= 240:
        return first.strip(), rest.strip()
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) > 240:
        sentence = sentence[:239].rstrip() + "…"
    return sentence, text


def _free(item: dict, costs: str, record: Record) -> bool:
    options = _list(item, "cost_options", record)
    amounts = []
    for option in options:
        amount = option.get("amount")
        if amount in (None, ""):
            continue
        try:
            amounts.append(float(amount))
        except (TypeError, ValueError):
            record.errors.append(
                _("The cost amount “%(value)s” is not a number.") % {"value": str(amount)[:20]}
            )
    if options:
        return bool(amounts) and not any(amount > 0 for amount in amounts)
    return not costs or bool(FREE_WORDS.search(costs))


def _plan_record(number: int, item, plan: Plan, known: dict, seen: set, taken: dict) -> Record:
    record = Record(number=number)
    if not isinstance(item, dict):
        record.errors.append(_("This record is not an object."))
        return record
    record.hsds_id = _text(item, "id", record, "id", 250, required=True)
    record.name = _text(item, "name", record, _("Name"), 160, required=True)
    if not record.hsds_id:
        return record
    uid = to_uuid(record.hsds_id)
    if uid in seen:
        record.errors.append(_("The id %(id)s appears twice in the file.") % {"id": record.hsds_id})
        return record
    seen.add(uid)
    status = str(item.get("status") or "").strip().lower()
    if not status:
        status = "active"
        record.warnings.append(_("No status; taken as active."))
    if status not in ("active", "temporarily closed", "inactive", "defunct"):
        record.errors.append(_("“%(status)s” is not an HSDS status.") % {"status": status[:30]})
    summary, description = _split_description(
        _text(item, "description", record, _("Description"), 5240)
    )
    if not summary:
        summary = record.name[:240]
    if len(description) > 5000:
        record.errors.append(_("The description is longer than 5000 characters."))
    costs = _text(item, "fees_description", record, _("Costs"), 240)
    values = {
        "uid": uid,
        "name": record.name,
        "summary": summary,
        "description": description[:5000],
        "website": _checked(
            _text(item, "url", record, "url", 200),
            _url,
            record,
            _("“%(value)s” is not a web address."),
        ),
        "email": _checked(
            _text(item, "email", record, _("E-mail"), 254),
            _email,
            record,
            _("“%(value)s” is not an e-mail address."),
        ),
        "how_to_apply": _text(item, "application_process", record, _("How to apply"), 1000),
        "eligibility": _text(item, "eligibility_description", record, _("Who qualifies"), 1000),
        "costs": costs,
        "is_free": _free(item, costs, record),
        "state": State.ACTIVE if status in ("active", "temporarily closed") else State.ENDED,
        "phone": "",
        "life_domains": [],
        "target_groups": [],
        "languages": [],
        "chat_url": "",
    }
    checked = _parse_checked(item, record)
    if checked is not None:
        values["last_checked_at"] = checked
    for phone in _list(item, "phones", record)[:1]:
        values["phone"] = _text(phone, "number", record, _("Phone"), 40)
    for language in _list(item, "languages", record):
        code = str(language.get("code") or language.get("name") or "").strip()
        code = LANGUAGE_ALIASES.get(code.lower(), code.lower())
        if code in LANGUAGE_CODES:
            if code not in values["languages"]:
                values["languages"].append(code)
        elif code:
            record.warnings.append(
                _("The language “%(language)s” is not one we know; left out.")
                % {"language": code[:30]}
            )
    terms_by_id = _term_ids()
    for attribute in _list(item, "attributes", record):
        term = attribute.get("taxonomy_term")
        code = term.get("code") if isinstance(term, dict) else None
        term_id = attribute.get("taxonomy_term_id")
        code = code or (terms_by_id.get(term_id) if isinstance(term_id, str) else None)
        kind, _sep, value = str(code or "").partition(":")
        if kind == "life_domain" and value in LifeDomain and value not in values["life_domains"]:
            values["life_domains"].append(value)
        elif (
            kind == "target_group" and value in TargetGroup and value not in values["target_groups"]
        ):
            values["target_groups"].append(value)
        elif code == CHAT_TERM:
            values["chat_url"] = _checked(
                str(attribute.get("value") or "")[:200],
                _url,
                record,
                _("“%(value)s” is not a web address."),
            )
    # Where and when.
    raw_ids = {}
    for schedule in _list(item, "schedules", record):
        location_id = schedule.get("location_id")
        record.hours += _plan_hours(
            schedule, to_uuid(str(location_id)) if location_id else None, record
        )
    for at in _list(item, "service_at_locations", record):
        location = at.get("location")
        if not isinstance(location, dict):
            record.warnings.append(_("A service_at_location without its location was left out."))
            continue
        planned = _plan_location(location, uid, record, taken)
        if planned is None:
            continue
        record.locations.append(planned)
        if location.get("id"):
            raw_ids[to_uuid(str(location["id"]))] = planned.uid
        for schedule in _list(at, "schedules", record) + _list(location, "schedules", record):
            record.hours += _plan_hours(schedule, planned.uid, record)
    location_uids = {location.uid for location in record.locations}
    for hours in record.hours:
        if hours.location_uid is not None and hours.location_uid not in location_uids:
            hours.location_uid = raw_ids.get(hours.location_uid)
    # Who owns it.
    record.org_key, record.organisation = _plan_organisation(item, plan, known, record)
    record.values = values
    if record.errors:
        record.action = Action.REFUSE
    else:
        record.action = Action.UPDATE if uid in known["services"] else Action.CREATE
    return record


def _plan_organisation(item: dict, plan: Plan, known: dict, record: Record):
    org = item.get("organization")
    if org is not None and not isinstance(org, dict):
        record.errors.append(_("“organization” should be an object."))
        return None, ""
    org_id = str((org or {}).get("id") or item.get("organization_id") or "").strip()[:250]
    name = str((org or {}).get("name") or "").strip()
    existing = known["org_by_id"].get(org_id) if org_id else None
    if existing is None and name:
        existing = known["org_by_name"].get(name)
    if existing is not None:
        key = ("existing", existing.pk, org_id)
        plan.organisations[key] = existing
        return key, existing.name
    if not name:
        record.errors.append(_("The service has no organization (with a name)."))
        return None, ""
    if len(name) > 160:
        record.errors.append(_("The organization's name is longer than 160 characters."))
        return None, ""
    key = ("new", org_id or name)
    plan.organisations.setdefault(key, org)
    return key, _("new: %(name)s") % {"name": name}


def plan_import(neighbourhood, services: list) -> Plan:
    """Check every record of ``services`` (read by :func:`read_file`); writes nothing."""
    plan = Plan(neighbourhood=neighbourhood)
    if len(services) > MAX_SERVICES:
        raise HsdsFileError(
            _("The file has more than %(max)s services; split it up.") % {"max": MAX_SERVICES}
        )
    organisations = list(Organisation.objects.filter(neighbourhoods=neighbourhood))
    org_by_id = {_id("organisation", org.pk): org for org in organisations}
    with scope(neighbourhood=neighbourhood):
        for mapping in HsdsOrganisation.objects.select_related("organisation"):
            org_by_id[mapping.hsds_id] = mapping.organisation
        known = {
            "services": set(Service.objects.values_list("uid", flat=True)),
            "org_by_id": org_by_id,
            "org_by_name": {org.name: org for org in organisations},
        }
        taken = dict(Location.objects.values_list("uid", "service__uid"))
    seen = set()
    for number, item in enumerate(services, start=1):
        plan.records.append(_plan_record(number, item, plan, known, seen, taken))
    return plan


# ---------------------------------------------------------------------------------------------
# Writing


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _organisation(plan: Plan, key: tuple, made: dict) -> Organisation:
    if key in made:
        return made[key]
    found = plan.organisations[key]
    neighbourhood = plan.neighbourhood
    if key[0] == "existing":
        organisation = found
    else:
        org = found or {}
        email, website = str(org.get("email") or ""), str(org.get("website") or "")
        phones = org.get("phones") if isinstance(org.get("phones"), list) else []
        phone = next(
            (str(p.get("number") or "") for p in phones if isinstance(p, dict) and p.get("number")),
            "",
        )
        try:
            _email(email) if email else None
        except ValidationError:
            email = ""
        try:
            _url(website) if website else None
        except ValidationError:
            website = ""
        description = org.get("description")
        organisation = Organisation.objects.create(
            name=str(org["name"]).strip()[:160],
            slug=_unique_slug(str(org["name"])),
            kind=Organisation.Kind.WELFARE,
            description_nl=description if isinstance(description, str) else "",
            email=email[:254],
            website=website[:200],
            phone=phone[:40],
        )
    organisation.neighbourhoods.add(neighbourhood)
    org_id = key[2] if key[0] == "existing" else (org.get("id") if isinstance(org, dict) else "")
    if org_id and str(org_id) != _id("organisation", organisation.pk):
        HsdsOrganisation.objects.get_or_create(
            neighbourhood=neighbourhood,
            hsds_id=str(org_id)[:250],
            defaults={"organisation": organisation},
        )
    made[key] = organisation
    return organisation


def _save_service(record: Record, organisation: Organisation, actor, neighbourhood) -> Service:
    values = dict(record.values)
    uid = values.pop("uid")
    service = Service.objects.filter(uid=uid).first()
    if service is None:
        service = Service(neighbourhood=neighbourhood, uid=uid, created_by=actor)
    checked = values.get("last_checked_at")
    asked = service.check_asked_at
    if checked is not None and asked is not None and checked > asked:
        # The register checked it after we asked: no longer "mogelijk verouderd".
        service.check_asked_at = service.stale_since = None
    for key, value in values.items():
        setattr(service, key, value)
    service.organisation = organisation
    service.updated_at = timezone.now()
    finding.index_service(service)
    service.save()
    finding.after_save(service)
    service.hours.all().delete()
    kept = []
    for planned in record.locations:
        location, _created = Location.objects.update_or_create(
            neighbourhood=neighbourhood,
            uid=planned.uid,
            defaults={
                "service": service,
                "name": planned.name,
                "address": planned.address,
                "postcode": planned.postcode,
                "city": planned.city,
                "latitude": planned.latitude,
                "longitude": planned.longitude,
                "wheelchair": planned.wheelchair,
                "hearing_loop": planned.hearing_loop,
            },
        )
        kept.append(location)
    service.locations.exclude(pk__in=[location.pk for location in kept]).delete()
    by_uid = {location.uid: location for location in kept}
    Hours.objects.bulk_create(
        Hours(
            neighbourhood=neighbourhood,
            service=service,
            location=by_uid.get(hours.location_uid),
            kind=hours.kind,
            weekday=hours.weekday,
            opens_at=hours.opens_at,
            closes_at=hours.closes_at,
            note=hours.note,
        )
        for hours in record.hours
    )
    return service


def apply_import(plan: Plan, actor=None) -> list[Service]:
    """Create or update the services of the records that passed, in one transaction."""
    neighbourhood = plan.neighbourhood
    saved = []
    made = {}
    with transaction.atomic(), scope(neighbourhood=neighbourhood):
        for record in plan.records:
            if record.action == Action.REFUSE:
                continue
            organisation = _organisation(plan, record.org_key, made)
            saved.append(_save_service(record, organisation, actor, neighbourhood))
        selectors.services_changed(neighbourhood.pk)
    return saved


def import_file(neighbourhood, data: bytes, filename: str = "", actor=None, dry_run=False):
    """Read, check and (unless ``dry_run``) import a file; returns the :class:`Plan` (its
    ``report()`` says per record what happened). Raises :class:`HsdsFileError`."""
    reading = read_file(data, filename)
    plan = plan_import(neighbourhood, reading.services)
    plan.warnings = reading.warnings + plan.warnings
    if not dry_run:
        apply_import(plan, actor)
    return plan


def checked_days_ago(days: int) -> str:
    """An ``assured_date`` ``days`` before today (for relative demo data)."""
    return (timezone.localdate() - timedelta(days=days)).isoformat()
