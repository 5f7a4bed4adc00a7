from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tellonce.audit"
    label = "audit"
    verbose_name = "Access log"
