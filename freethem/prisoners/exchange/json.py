"""The JSON format of the exchange files: a list of person records (see exchange.records).

The export is the list itself; the public export page wraps it as {"prisoners": [...],
"generated": ...}, and reading accepts either. A JSON file's errors name the person by their
position in the list from 1, and the field by its path, such as cases[1].sentences[2].kind.
"""

import json
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.exchange.records import (
    CHILDREN,
    KEYS,
    NOT_A_LIST_FIELD,
    UNKNOWN_FIELD,
    Node,
    Raw,
    RowError,
    people_records,
)
from freethem.prisoners.models import PersonQuerySet

JSON_UNREADABLE = _("The file is not valid JSON: %(error)s")
NOT_A_LIST = _("The file must hold a JSON list of people, each an object with named fields.")
NOT_AN_OBJECT = _("Expected an object with named fields.")


# Export -------------------------------------------------------------------------------------


def people_to_json(queryset: PersonQuerySet, *, public: bool) -> list[dict[str, Any]]:
    return list(people_records(queryset, public=public))


def json_chunks(queryset: PersonQuerySet, *, public: bool) -> Iterator[str]:
    """The JSON export as text, a person at a time, for a streaming response or a file."""
    yield "["
    for n, record in enumerate(people_records(queryset, public=public)):
        yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


# Reading --------------------------------------------------------------------------------


def read_json(text: str) -> tuple[list[Node], list[RowError]]:
    try:
        data = json.loads(text)
    except ValueError as error:
        return [], [RowError(0, "", gettext(JSON_UNREADABLE) % {"error": error})]
    if isinstance(data, dict) and isinstance(data.get("prisoners"), list):
        data = data["prisoners"]  # the public export wraps the list with its date
    if not isinstance(data, list):
        return [], [RowError(0, "", gettext(NOT_A_LIST))]
    errors: list[RowError] = []
    nodes = [json_node("person", item, row, "", errors) for row, item in enumerate(data, 1)]
    return [node for node in nodes if node], errors


def json_node(kind: str, item: Raw, row: int, path: str, errors: list[RowError]) -> Node | None:
    if not isinstance(item, dict):
        errors.append(RowError(row, path.rstrip("."), gettext(NOT_AN_OBJECT)))
        return None
    node = Node(kind, row, lambda key: path + key)
    children = CHILDREN.get(kind, {})
    for key, value in item.items():
        if key in children:
            node.children[key] = json_children(children[key], value, row, path + key, errors)
        elif key in KEYS[kind]:
            node.values[key] = value
        else:
            errors.append(RowError(row, path + str(key), gettext(UNKNOWN_FIELD) % {"field": key}))
    return node


def json_children(kind: str, items: Raw, row: int, path: str, errors: list[RowError]) -> list[Node]:
    if not isinstance(items, list):
        errors.append(RowError(row, path, gettext(NOT_A_LIST_FIELD)))
        return []
    nodes = [json_node(kind, item, row, f"{path}[{n}].", errors) for n, item in enumerate(items, 1)]
    return [node for node in nodes if node]
