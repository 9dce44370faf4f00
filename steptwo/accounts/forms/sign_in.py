from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model

from steptwo.accounts import services


def locked_message():
    minutes = max(1, settings.SIGN_IN_LOCKOUT_SECONDS // 60)
    return (
        f"This account is locked after too many failed sign-in attempts. Try again in {minutes} minutes, "
        "or ask your system administrator to unlock it"
    )


WRONG_DETAILS_MESSAGE = "Enter a correct username and password. Both are case-sensitive"


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        account = get_user_model().objects.filter(username=username).first()
        if account is not None and services.is_locked(account):
            services.record_failed_sign_in(username=username, user=None)
            raise forms.ValidationError(locked_message(), code="locked")
        self.user = authenticate(self.request, username=username, password=password)
        if self.user is None:
            services.record_failed_sign_in(username=username, user=account)
            if account is not None and services.is_locked(account):
                raise forms.ValidationError(locked_message(), code="locked")
            raise forms.ValidationError(WRONG_DETAILS_MESSAGE, code="invalid_login")
        return self.cleaned_data
