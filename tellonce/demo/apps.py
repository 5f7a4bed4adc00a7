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
            background_work,
            delivery,
            family_accounts,
            feedback,
            finance,
            foundation,
            front_door,
            improvement,
            local_offer,
            panels,
            partnership,
            plans,
            reviews,
            sen2_items,
            waiting_lists,
        )
