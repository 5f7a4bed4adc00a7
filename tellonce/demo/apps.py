from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tellonce.demo"
    label = "demo"
    verbose_name = "Demo area"

    def ready(self) -> None:
        # Importing each area's module registers its steps (@demo_step); the demo runs them by order.
        from tellonce.demo import (  # noqa: F401
            appeals,
            assessments,
            audits,
            background_work,
            delivery,
            early_years,
            family_accounts,
            feedback,
            finance,
            foundation,
            front_door,
            improvement,
            inclusion,
            local_offer,
            panels,
            partnership,
            plans,
            reviews,
            sen2_items,
            sen_support,
            waiting_lists,
        )
