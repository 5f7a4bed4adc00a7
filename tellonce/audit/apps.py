from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tellonce.audit"
    label = "audit"
    verbose_name = "Access and sign-in log"

    def ready(self) -> None:
        from tellonce.accounts import sign_ins
        from tellonce.audit.services import record_sign_in

        sign_ins.keep_with(record_sign_in)
