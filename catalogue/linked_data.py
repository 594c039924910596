"""JSON-LD canonicalisation (RDFC-1.0) over bundled contexts, safe for files from strangers.

Data Integrity proofs sign the RDF dataset a credential expands to. Expanding needs the
`@context` documents it names: only the files in `catalogue/data/contexts` are ever used
(nothing is fetched), and a document naming any other context, or defining one inline, is
refused before pyld sees it. RDFC-1.0 is factorial on blank nodes it cannot tell apart, so
canonicalisation runs with a work budget and a hostile document fails fast.
"""

import functools
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver

logger = logging.getLogger(__name__)

CONTEXTS_DIR = Path(__file__).parent / "data" / "contexts"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT_FILES = {
    VC_V2: "credentials-v2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-context-3.0.2.json",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    "https://w3id.org/security/data-integrity/v2": "security-data-integrity-v2.json",
    "https://w3id.org/security/multikey/v1": "security-multikey-v1.json",
}
# Limits for documents from strangers; learnbot's own credentials are far below them.
MAX_QUADS = 2000
MAX_CONTEXTS = 8
# JSON-LD expansion is quadratic in places (values are kept as sets), so the shape of a
# document is capped before pyld sees it: a real badge has a few dozen values.
MAX_VALUES = 1500
MAX_LIST = 100
# Hash N-Degree Quads runs only for blank nodes that look alike; real credentials need
# none or a handful. Each call may try every ordering of a group of look-alikes, so both
# the number of calls and the size of a group are capped.
MAX_N_DEGREE_CALLS = 64
MAX_LOOKALIKES = 5

# pyld keeps module-level caches that are not thread-safe; badge files are checked in a
# worker thread while the bot signs in the event loop, so every call goes through one lock.
_LOCK = threading.Lock()
# Only bundled contexts ever reach the cache (inline ones are refused), so it stays small.
_CACHE: dict[Any, Any] = {}


class LinkedDataError(ValueError):
    """A document that cannot be canonicalised here."""


class UnknownContext(LinkedDataError):
    """The document relies on a context that isn't bundled, so it can't be checked offline."""


class TooComplex(LinkedDataError):
    """The document would take too much work to canonicalise (or is not plain JSON-LD)."""


@functools.cache
def _context_document(url: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (CONTEXTS_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8")
    )
    return document


def _load_document(url: str, options: object = None) -> dict[str, Any]:
    """pyld's document loader: bundled contexts by exact URL, everything else refused."""
    if url not in CONTEXT_FILES:
        raise UnknownContext(f"context {url[:100]!r} is not bundled")
    return {"contextUrl": None, "documentUrl": url, "document": _context_document(url)}


def _nested_contexts(value: object, depth: int = 0) -> Iterator[object]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context" and depth > 0:
                yield item
            yield from _nested_contexts(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _nested_contexts(item, depth + 1)


def check_size(document: object) -> None:
    """Refuse documents too big or too wide to expand cheaply (raises TooComplex)."""
    count = 0
    pending = [document]
    while pending:
        value = pending.pop()
        count += 1
        if count > MAX_VALUES:
            raise TooComplex("the document has too many values")
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            if len(value) > MAX_LIST:
                raise TooComplex("the document has a list that is too long")
            pending.extend(value)


def check_contexts(document: dict[str, Any]) -> list[str]:
    """The document's contexts, if every one is bundled; raises UnknownContext otherwise.

    Only a top-level list of bundled URLs is accepted: an inline context object could
    redefine what the signed terms mean, and a nested one could hide an unbundled URL.
    """
    contexts = document.get("@context")
    if isinstance(contexts, str):
        contexts = [contexts]
    if not isinstance(contexts, list) or not contexts or len(contexts) > MAX_CONTEXTS:
        raise UnknownContext("the @context is missing or not a list of URLs")
    for context in contexts:
        if not isinstance(context, str):
            raise UnknownContext("the document defines a context inline")
        if context not in CONTEXT_FILES:
            raise UnknownContext(f"context {context[:100]!r} is not bundled")
    if next(_nested_contexts(document), None) is not None:
        raise UnknownContext("the document defines a context inside itself")
    return contexts


class _BoundedCanonicaliser(URDNA2015):  # type: ignore[misc]
    """RDFC-1.0 (pyld's URDNA2015, the same algorithm under its draft name) with a budget."""

    def __init__(self) -> None:
        super().__init__()
        self.calls_left = MAX_N_DEGREE_CALLS

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        self.calls_left -= 1
        if self.calls_left < 0:
            raise TooComplex("too many look-alike blank nodes")
        return super().hash_n_degree_quads(id_, issuer)

    def create_hash_to_related(self, id_: str, issuer: Any) -> Any:
        related = super().create_hash_to_related(id_, issuer)
        if any(len(group) > MAX_LOOKALIKES for group in related.values()):
            raise TooComplex("too many look-alike blank nodes")
        return related


def canonical_nquads(document: dict[str, Any]) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document, using bundled contexts only.

    Raises:
        UnknownContext: a context isn't bundled (the document can't be checked offline).
        TooComplex: the document is too big or too tangled to canonicalise safely.
    """
    check_contexts(document)
    check_size(document)
    options = {
        "documentLoader": _load_document,
        "contextResolver": ContextResolver(_CACHE, _load_document),
        "base": "",
        "processingMode": "json-ld-1.1",
    }
    with _LOCK:
        try:
            dataset = jsonld.to_rdf(document, options)
        except jsonld.JsonLdError as error:
            raise _explain(error) from None
        except RecursionError:
            raise TooComplex("the document is nested too deeply") from None
        if sum(len(quads) for quads in dataset.values()) > MAX_QUADS:
            raise TooComplex("the document has too many statements")
        try:
            nquads: str = _BoundedCanonicaliser().main(dataset, {"format": "application/n-quads"})
        except RecursionError:
            raise TooComplex("the document is nested too deeply") from None
    return nquads


def _explain(error: BaseException) -> LinkedDataError:
    """The error to report for pyld's, whose text can quote the document: keep it short."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, LinkedDataError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return TooComplex(f"not valid JSON-LD ({str(error)[:120]})")
