"""Domain errors. Each message says what went wrong and, where it can, what to do next."""


class DiploError(Exception):
    """Base of every error the CLI reports as one line on stderr."""

    reason = "error"


class InputError(DiploError):
    """An article that cannot be read or processed; the run goes on with the others."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class ConfigurationError(DiploError):
    """The run as configured cannot work (models, scheduler): said once, with the exit code of a usage error."""


class ModelsMissingError(ConfigurationError):
    """A model directory lacks files the pipeline needs."""

    reason = "models-missing"


class UnknownLanguageError(DiploError):
    """A language code no extractor is registered for."""

    reason = "unknown-language"
