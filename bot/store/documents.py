"""Reading stored JSON documents back into models, skipping any that no longer validate."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)

Model = TypeVar("Model", bound=BaseModel)


def parse_documents(model: type[Model], documents: Sequence[dict[str, object]], what: str) -> list[Model]:
    """The documents that validate as ``model``; an unreadable one (an older shape, say) is logged and skipped."""
    parsed = []
    for document in documents:
        try:
            parsed.append(model.model_validate(document))
        except ValidationError:
            logger.warning("Skipping an unreadable %s document", what)
    return parsed


def parse_document(model: type[Model], document: dict[str, object] | None, what: str) -> Model | None:
    found = parse_documents(model, [document] if document is not None else [], what)
    return found[0] if found else None
