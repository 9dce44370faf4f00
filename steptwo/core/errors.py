"""Errors that service functions raise when a rule refuses an action. The message is shown to the user."""


class NotAllowed(Exception):
    """The action breaks a rule of the pathway. str(error) says which, in words a user can act on."""


class StaleEditError(NotAllowed):
    """Someone else saved the record after this form was opened (optimistic concurrency)."""
