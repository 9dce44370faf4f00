from steptwo.core.models.audit_event import AuditAction, AuditEvent

__all__ = ["AuditAction", "AuditEvent"]
