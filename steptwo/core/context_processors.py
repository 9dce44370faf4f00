from django.conf import settings


def steptwo(request):
    return {"environment": settings.ENVIRONMENT, "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60}
