"""One error tree for the whole sidecar; the server maps it to HTTP statuses in one place.

    BackstoryError                      (internal, 500)
    ├── ConfigError                     a setting or config file is wrong
    ├── InputError                      (bad_request, 400) the caller sent something unusable
    │   ├── UnsupportedMediaType        (unsupported_media_type, 415)
    │   └── TooLarge                    (too_large, 413) body, page or download over the limit
    │       └── MemoryLimit             (too_large, 413) the analysis needed more than its memory limit
    ├── AccessDenied                    (not_paired 401 / forbidden_* 403)
    ├── BudgetExceeded                  (timeout, 408) extraction or NLP ran out of time
    ├── Cancelled                       (client_gone, 499) the client hung up: nobody reads the answer
    ├── Starting                        (starting, 503) the sidecar is still loading
    ├── FetchError                      the CLI could not fetch a URL the user typed
    └── ModelError                      the spaCy model is missing or broken

Every error carries a message a reader can act on; none carries a traceback.
"""

from __future__ import annotations


class BackstoryError(Exception):
    """Base of every error Backstory raises on purpose."""

    code = "internal"
    status = 500

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status

    def to_json(self) -> dict:
        """The API's error body."""
        return {"error": {"code": self.code, "message": self.message}}


class ConfigError(BackstoryError):
    """A setting, config file or data file is wrong."""

    code = "config"


class InputError(BackstoryError):
    """The caller sent something unusable."""

    code = "bad_request"
    status = 400


class UnsupportedMediaType(InputError):
    """The body is not JSON."""

    code = "unsupported_media_type"
    status = 415


class TooLarge(InputError):
    """A body, page or download is over its limit."""

    code = "too_large"
    status = 413


class AccessDenied(BackstoryError):
    """The request did not come from the paired extension on loopback."""

    code = "not_paired"
    status = 401


class BudgetExceeded(BackstoryError):
    """Extraction or NLP ran out of its time budget."""

    code = "timeout"
    status = 408


class Cancelled(BackstoryError):
    """The request was withdrawn (its client hung up) before or while it was analysed."""

    code = "client_gone"
    status = 499  # (nginx's 'client closed request'; nobody receives it)


class Starting(BackstoryError):
    """The sidecar is still loading what this request needs."""

    code = "starting"
    status = 503


class MemoryLimit(TooLarge):
    """The analysis needed more memory than the analysis process may use (setting analysis_memory_mb)."""


class FetchError(BackstoryError):
    """The CLI could not fetch the URL the user typed."""

    code = "fetch"


class ModelError(BackstoryError):
    """The spaCy model could not be loaded."""

    code = "model"
