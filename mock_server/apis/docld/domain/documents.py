"""Documents: an upload, then processing and extraction, each move an event."""

from __future__ import annotations

import dataclasses
import mimetypes
from dataclasses import dataclass
from typing import Any

from mock_server.apis.docld.domain import events
from mock_server.apis.docld.domain.invalid import refuse
from mock_server.apis.docld.domain.lifecycle import DOCUMENT, UPLOADED
from mock_server.apis.docld.domain.model import Document, Extraction
from mock_server.apis.docld.domain.workspace import Workspace
from mock_server.core.errors import Forbidden, NotFound
from mock_server.core.principal import Principal

MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    size_bytes: int
    mime_type: str | None = None
    knowledge_base_id: str | None = None
    organization_id: str | None = None
    scenario: str = "processed"


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    query: str | None = None
    status: str | None = None
    file_type: str | None = None
    limit: int = 10


def file_type_of(name: str, mime_type: str | None) -> tuple[str, str]:
    """(`pdf`, `application/pdf`) from the file name, else from the declared MIME type."""
    stem, dot, extension = name.rpartition(".")
    guessed = mimetypes.guess_type(name)[0]
    if dot and stem and extension:
        return extension.lower(), guessed or mime_type or "application/octet-stream"
    declared = mime_type or "application/octet-stream"
    extension = (mimetypes.guess_extension(declared) or ".bin").lstrip(".")
    return extension, declared


class DocumentService:
    def __init__(self, space: Workspace) -> None:
        self.space = space

    def upload(self, who: Principal, upload: Upload) -> Document:
        """A new `uploaded` document; `document.uploaded` out."""
        if not upload.name.strip():
            refuse("file", "the file part needs a file name")
        if upload.organization_id not in (None, "", who.tenant_id):
            # FIDELITY: an organization-scoped key forces its organization onto what it creates.
            raise Forbidden(
                f"This API key belongs to organization {who.tenant_id}; it cannot upload to "
                f"{upload.organization_id}.",
                field="organization_id",
                issue="the organization must be the key's own",
            )
        file_type, mime_type = file_type_of(upload.name, upload.mime_type)
        with self.space.lock:
            now = self.space.clock.now()
            document = Document(
                id=self.space.new_id("document"),
                organization_id=who.tenant_id,
                name=upload.name,
                file_type=file_type,
                mime_type=mime_type,
                size_bytes=upload.size_bytes,
                status=UPLOADED,
                knowledge_base_id=upload.knowledge_base_id or None,
                created_at=now,
                updated_at=now,
                scenario=upload.scenario,
            )
            self.space.documents[document.id] = document
            self._publish("document.uploaded", document)
            return document

    def get(self, organization_id: str, document_id: str) -> Document:
        document = self.space.documents.get(document_id)
        if document is None or document.organization_id != organization_id:
            raise NotFound(
                f"Document {document_id} not found.",
                field="document_id",
                issue=f"no document {document_id!r} in organization {organization_id!r}",
            )
        return document

    def list(self, organization_id: str, query: DocumentQuery) -> list[Document]:
        needle = (query.query or "").casefold()
        wanted_type = (query.file_type or "").lower()
        with self.space.lock:
            found = []
            for document in reversed(self.space.documents.values()):
                if document.organization_id != organization_id:
                    continue
                if needle and needle not in document.name.casefold():
                    continue
                if query.status and document.status != query.status:
                    continue
                if wanted_type and wanted_type not in (document.file_type, document.mime_type):
                    continue
                found.append(document)
                if len(found) == min(query.limit, MAX_LIMIT):
                    break
        return found

    def switch_scenario(self, document_id: str, scenario: str) -> Document:
        """Process the document by another scenario from its next stage on."""
        with self.space.lock:
            document = dataclasses.replace(self._known(document_id), scenario=scenario)
            self.space.documents[document_id] = document
            return document

    # -- what the simulated processing does -------------------------------------------------

    def start_processing(self, document_id: str) -> Document:
        return self._move(document_id, "start_processing", "document.processing")

    def finish_processing(self, document_id: str, pages: int) -> Document:
        return self._move(document_id, "finish_processing", "document.processed", pages=pages)

    def fail_processing(self, document_id: str, error: str) -> Document:
        return self._move(document_id, "fail_processing", "document.failed", error=error)

    def start_extraction(self, document_id: str, schema_id: str) -> Document:
        extraction = Extraction(self.space.new_id("extraction"), schema_id, "started")
        return self._extract(document_id, "extraction.started", extraction)

    def end_extraction(
        self, document_id: str, *, confidence: float | None, data: dict[str, Any], failed: bool
    ) -> Document:
        with self.space.lock:
            current = self._known(document_id).extraction
            if current is None or current.status != "started":
                raise NotFound(f"No extraction of document {document_id} is running.")
            ended = dataclasses.replace(
                current,
                status="failed" if failed else "completed",
                overall_confidence=None if failed else confidence,
                data={} if failed else data,
            )
            name = "extraction.failed" if failed else "extraction.completed"
            return self._extract(document_id, name, ended)

    def _extract(self, document_id: str, event: str, extraction: Extraction) -> Document:
        with self.space.lock:
            document = dataclasses.replace(
                self._known(document_id), extraction=extraction, updated_at=self.space.clock.now()
            )
            self.space.documents[document_id] = document
            self.space.publish(
                event, document.organization_id, document.id, events.extraction_data(document)
            )
            return document

    def _move(self, document_id: str, action: str, event: str, **changes: Any) -> Document:
        with self.space.lock:
            current = self._known(document_id)
            status = DOCUMENT.target(action, current.status)
            document = dataclasses.replace(
                current, status=status, updated_at=self.space.clock.now(), **changes
            )
            self.space.documents[document_id] = document
            self._publish(event, document)
            return document

    def _known(self, document_id: str) -> Document:
        document = self.space.documents.get(document_id)
        if document is None:
            raise NotFound(f"Document {document_id} not found.", field="document_id")
        return document

    def _publish(self, event: str, document: Document) -> None:
        self.space.publish(
            event, document.organization_id, document.id, events.document_data(document)
        )
