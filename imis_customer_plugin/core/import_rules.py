"""Rules of the bulk imports: field checks, clean-ups, header and field-name matching.

Pure Python (no qgis, Qt or SQL). The services apply the same rules set-based in SQL, so
every pattern here must mean the same in Python `re` and in PostgreSQL regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .errors import ImisError

# More problems than this are not worth listing: the file needs fixing at the source.
MAX_PROBLEMS = 200

TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")
CHANNELS = ("sms", "email", "telephone", "post", "none")
ACCOUNT_STATUSES = ("active", "closed")

# What people type inside phone numbers; dropped before the check. (The cleaners run on
# every CSV value, so they use the fastest str operations, not str.translate.)
_PHONE_SEPARATORS = re.compile(r"[\s().-]")


def clean_value(value: str) -> str | None:
    """Trimmed; None when empty."""
    return value.strip() or None


def clean_text(value: object) -> str | None:
    """Trimmed text with inner runs of spaces collapsed; None when nothing is left."""
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def clean_code(value: str) -> str | None:
    """Codes and numbers (ID, account, SG code): no spaces, upper case."""
    return "".join(value.split()).upper() or None


def clean_phone(value: str) -> str | None:
    """'082 123-4567' and '(021) 400 1234' lose their spaces, dashes, dots and brackets."""
    return _PHONE_SEPARATORS.sub("", value) or None


def clean_word(value: str) -> str | None:
    """A choice such as a channel or yes/no: trimmed, lower case."""
    return value.strip().lower() or None


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with the input (or, in a report, one thing done to it).

    `line` is the CSV line where the record starts (1 = the header) or the 1-based
    feature number of a spatial layer (`unit` says which); None means the whole file.
    """

    line: int | None
    field: str
    message: str
    unit: str = "line"
    key: str = ""  # the row's own identifier where it helps, e.g. "FID 16"

    def __str__(self) -> str:
        where = "File" if self.line is None else f"{self.unit.capitalize()} {self.line}"
        if self.key:
            where += f" ({self.key})"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class ImportRejected(ImisError):  # noqa: N818 - says what happened, as a verdict
    """The input has problems; nothing was written. `problems` lists them in file order."""

    def __init__(
        self, source: str, problems: Sequence[RowProblem], truncated: bool = False
    ) -> None:
        self.source = source
        self.problems = tuple(problems)
        self.truncated = truncated
        super().__init__(self.describe())

    def describe(self, limit: int = 20) -> str:
        count = f"at least {len(self.problems)}" if self.truncated else str(len(self.problems))
        lines = [f"{source_label(self.source)}: {count} problem(s), nothing was imported."]
        lines += [f"  {problem}" for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)


class ImportCancelled(ImisError):  # noqa: N818 - the pair to ImportRejected
    """The user cancelled the import; nothing was written."""


def source_label(source: str) -> str:
    return source or "input"


def sort_problems(
    problems: Sequence[RowProblem], cap: int = MAX_PROBLEMS
) -> tuple[list[RowProblem], bool]:
    """File-level problems first, then by line; at most `cap` (True when some were cut)."""
    ordered = sorted(problems, key=lambda p: (p.line is not None, p.line or 0))
    return ordered[:cap], len(ordered) > cap


@dataclass(frozen=True)
class FieldRule:
    """What a value of one field must look like once cleaned (None = empty).

    Lengths are separate from the pattern: counted repetitions ({6,20}) make PostgreSQL's
    regular expressions several times slower, and separate checks give clearer messages.
    """

    name: str
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None  # valid in Python `re` and PostgreSQL alike
    meaning: str = ""  # what the pattern asks for, in words
    choices: tuple[str, ...] = ()
    uncounted: str = ""  # leading characters the length leaves out (a phone's +)
    unit: str = "characters"
    clean: Callable[[str], str | None] = clean_value  # applied to the raw text first

    def measure(self, value: str) -> int:
        return len(value.lstrip(self.uncounted)) if self.uncounted else len(value)

    def failure(self, value: str | None) -> str | None:
        """The check the value fails: required, long, pattern, short, choice; or None."""
        if value is None:
            return "required" if self.required else None
        length = self.measure(value)
        if self.max_length is not None and length > self.max_length:
            return "long"
        if self.pattern is not None and not re.search(self.pattern, value):
            return "pattern"
        if self.min_length is not None and length < self.min_length:
            return "short"
        if self.choices and value not in self.choices:
            return "choice"
        return None

    def message(self, failure: str, value: str | None) -> str:
        shown = _shown(value or "")
        length = self.measure(value or "")
        if failure == "required":
            return "is required but empty"
        if failure == "long":
            return f"is too long: {length} {self.unit}, at most {self.max_length} fit"
        if failure == "short":
            return f"is too short: {length} {self.unit}, at least {self.min_length} are needed"
        if failure == "pattern":
            return f"{shown} is not {self.meaning}"
        return f"{shown} is not one of: {', '.join(self.choices)}"

    def check(self, value: str | None) -> str | None:
        """The message for a bad value, None when it is fine."""
        failure = self.failure(value)
        return None if failure is None else self.message(failure, value)


def _shown(value: str, width: int = 40) -> str:
    return repr(value if len(value) <= width else value[: width - 1] + "…")


ID_NUMBER = FieldRule(
    "id_number",
    clean=clean_code,
    min_length=6,
    max_length=20,
    pattern=r"^[0-9A-Z/-]+$",
    meaning="an identity or company registration number (0-9, A-Z, / and -)",
)

CUSTOMER_RULES = (
    FieldRule("full_name", required=True, max_length=200, clean=clean_text),
    ID_NUMBER,
    FieldRule(
        "phone",
        min_length=9,
        max_length=15,
        pattern=r"^\+?[0-9]+$",
        meaning="a phone number (digits, optionally after a +)",
        uncounted="+",
        unit="digits",
        clean=clean_phone,
    ),
    FieldRule(
        "email",
        max_length=254,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        meaning="an e-mail address",
    ),
    FieldRule("preferred_channel", choices=CHANNELS, clean=clean_word),
    FieldRule("consent_to_contact", choices=TRUE_WORDS + FALSE_WORDS, clean=clean_word),
)
CUSTOMER_COLUMNS = tuple(rule.name for rule in CUSTOMER_RULES)

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ERF_NUMBER = FieldRule(
    "erf_number",
    max_length=30,
    pattern=r"^[0-9A-Za-z/-]+$",
    meaning="an erf number (letters, digits, / and -)",
)
SG_CODE = FieldRule(
    "sg_code",
    clean=clean_code,
    min_length=26,
    max_length=26,
    pattern=r"^[A-Z][0-9A-Z]+$",
    meaning="a Surveyor-General code (A-Z then digits or A-Z)",
)

ACCOUNT_RULES = (
    FieldRule(
        "account_number",
        required=True,
        clean=clean_code,
        min_length=4,
        max_length=20,
        pattern=r"^[0-9A-Z-]+$",
        meaning="an account number (0-9, A-Z and -)",
    ),
    FieldRule(
        "customer_id_number",
        required=True,
        clean=clean_code,
        min_length=ID_NUMBER.min_length,
        max_length=ID_NUMBER.max_length,
        pattern=ID_NUMBER.pattern,
        meaning=ID_NUMBER.meaning,
    ),
    ERF_NUMBER,
    SG_CODE,
    FieldRule("opened_on", pattern=DATE_PATTERN, meaning="a date written as YYYY-MM-DD"),
    FieldRule("status", choices=ACCOUNT_STATUSES, clean=clean_word),
)
ACCOUNT_COLUMNS = tuple(rule.name for rule in ACCOUNT_RULES)
ACCOUNT_REQUIRED_COLUMNS = ("account_number", "customer_id_number")

WARD_RULES = (
    FieldRule("code", required=True, max_length=20),
    FieldRule("name", required=True, max_length=100),
)
SUBURB_RULES = (
    FieldRule("name", required=True, max_length=100),
    FieldRule("priority", pattern=r"^[1-5]$", meaning="a priority from 1 to 5"),
)
BOUNDARY_RULES = (FieldRule("name", required=True, max_length=200),)
PARCEL_RULES = (
    ERF_NUMBER,
    SG_CODE,
    FieldRule("land_use", max_length=500),
    FieldRule("street_number", max_length=20),
    FieldRule("street_name", max_length=200),
    FieldRule("suburb_name", max_length=100),
)

# Source field names recognised without a mapping (lower case), best first. The Cape Town
# names come from the City's open data; Shapefiles cut names to 10 characters.
FIELD_CANDIDATES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "ward": {
        "code": ("code", "ward_code", "ward_name", "ward_no", "wardno", "ward_id", "ward"),
        "name": ("name",),
    },
    "suburb": {
        "name": ("name", "suburb_name", "suburb", "ofc_sbrb_name", "sbrb_name"),
        "priority": ("priority",),
    },
    "boundary": {"name": ("name", "municipality", "mun_name", "muni_name")},
    "parcel": {
        "erf_number": ("erf_number", "prty_nmbr", "erf_no", "erf", "parcel_no"),
        "sg_code": ("sg_code", "sg26_code", "sg26", "sg_26_code"),
        "land_use": ("land_use", "zoning", "landuse"),
        "street_number": ("street_number", "adr_no", "street_no"),
        "street_number_suffix": ("street_number_suffix", "adr_no_sfx"),
        "street_name": ("street_name", "str_name"),
        "street_type": ("street_type", "str_name_type"),
        "suburb_name": ("suburb_name", "ofc_sbrb_name", "suburb"),
        "address_text": ("address_text", "address"),
    },
}
# Without a source for these, a layer cannot be imported at all.
REQUIRED_FIELDS: Mapping[str, tuple[str, ...]] = {"ward": ("code",), "suburb": ("name",)}
SHAPEFILE_NAME_LENGTH = 10


def normalise_name(name: str) -> str:
    """A header or field name as compared: case, spaces, hyphens and a BOM do not count."""
    return re.sub(r"[\s-]+", "_", name.replace("\ufeff", "").strip().lower())


def _matches(source: str, candidate: str) -> bool:
    source, candidate = normalise_name(source), normalise_name(candidate)
    if source == candidate:
        return True
    # A Shapefile keeps only the first 10 characters of a longer name.
    return len(source) == SHAPEFILE_NAME_LENGTH and candidate.startswith(source)


def resolve_fields(
    kind: str, available: Sequence[str], given: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[RowProblem]]:
    """Which source field feeds each of our fields (ours -> source), and what is wrong.

    `given` maps source field -> our field and wins over the names we recognise.
    """
    candidates = FIELD_CANDIDATES[kind]
    problems: list[RowProblem] = []
    chosen: dict[str, str] = {}
    for source, ours in (given or {}).items():
        found = next((name for name in available if _matches(name, source)), None)
        if ours not in candidates:
            problems.append(
                RowProblem(None, source, f"cannot go to {ours!r}; known: {', '.join(candidates)}")
            )
        elif found is None:
            problems.append(
                RowProblem(
                    None,
                    source,
                    f"is not in the layer; it has: {', '.join(available) or 'no fields'}",
                )
            )
        else:
            chosen[ours] = found
    used = set(chosen.values())
    for ours, names in candidates.items():
        if ours in chosen:
            continue
        for candidate in names:
            found = next((n for n in available if n not in used and _matches(n, candidate)), None)
            if found is not None:
                chosen[ours] = found
                used.add(found)
                break
    for ours in REQUIRED_FIELDS.get(kind, ()):
        if ours not in chosen and not problems:
            message = (
                f"no field of the layer gives the {kind} {ours}; it has: "
                f"{', '.join(available) or 'no fields'}. Name the field in the mapping, "
                f"e.g. {{'MY_FIELD': '{ours}'}}"
            )
            problems.append(RowProblem(None, ours, message))
    return chosen, problems


def match_header(
    header: Sequence[str], columns: Sequence[str], required: Sequence[str], line: int = 1
) -> tuple[list[str | None], list[RowProblem]]:
    """Our column for each header cell (None for an empty cell), and the header's problems."""
    names: list[str | None] = []
    problems: list[RowProblem] = []
    for cell in header:
        name = normalise_name(cell)
        if not name:
            names.append(None)
        elif name not in columns:
            names.append(None)
            problems.append(
                RowProblem(line, cell, f"is not a known column; expected: {', '.join(columns)}")
            )
        elif name in names:
            names.append(None)
            problems.append(RowProblem(line, cell, "appears twice in the header"))
        else:
            names.append(name)
    for column in required:
        if column not in names:
            problems.append(RowProblem(line, column, "required column is missing from the header"))
    return names, problems


def parse_bool(value: str | None) -> bool | None:
    """yes/no, true/false, 1/0... as a bool; None when empty or not a yes/no word."""
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def clean_street_number(number: object, suffix: object = None) -> str | None:
    """'9.0' (a number field read as text) becomes '9'; a suffix 'B' is appended: '9B'."""
    text = clean_text(number)
    if text is not None:
        text = re.sub(r"^([0-9]+)\.0+$", r"\1", text)
    tail = clean_text(suffix)
    if text is None:
        return None
    return text + tail if tail else text


def join_street(name: object, street_type: object = None) -> str | None:
    """'CARNATION' + 'Road' -> 'CARNATION Road'; None without a street name."""
    base = clean_text(name)
    if base is None:
        return None
    kind = clean_text(street_type)
    return f"{base} {kind}" if kind else base


_ADDRESS_TEXT = re.compile(r"^([0-9]+[A-Za-z]?)?\s*([^,]+?)\s*(?:,\s*(.*))?$")


def split_address_text(text: object) -> tuple[str | None, str, str | None] | None:
    """'13 PASTORALE , FISANTEKRAAL INDUSTRIAL' -> ('13', 'PASTORALE', 'FISANTEKRAAL ...')."""
    cleaned = clean_text(text)
    if cleaned is None:
        return None
    match = _ADDRESS_TEXT.match(cleaned)
    if match is None:
        return None
    number, street, suburb = match.groups()
    return number, street, clean_text(suburb)


def erf_from_sg_code(code: str | None) -> str | None:
    """The erf number a 26-character SG code encodes, written the way the City does.

    Layout: division (4) + minor region (4) + parcel (8) + portion (5) + extension (5).
    'C01600170000700000000000RE'-style codes give '7000-RE'; farms (minor region 0000)
    get the City's prefix 'CA': 'CA948-11'. None when the code says something else.
    """
    if code is None or SG_CODE.failure(code) is not None:
        return None
    minor, parcel, portion, extension = code[4:8], code[8:16], code[16:21], code[21:26]
    if not (parcel.isdigit() and portion.isdigit()) or int(parcel) == 0:
        return None
    tail = extension.lstrip("0")
    if tail not in ("", "RE"):
        return None
    erf = ("CA" if minor == "0000" else "") + str(int(parcel))
    if int(portion):
        erf += f"-{int(portion)}"
    return f"{erf}-RE" if tail else erf
