"""``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from the environment.

The settings import this module, so it imports nothing from Django or
wagtail-localize. With neither DeepL nor LibreTranslate configured the
setting is None, and wagtail-localize's editor shows no machine-translate
button at all.
"""

# DeepL glossaries, one per direction, keyed as wagtail-localize's GLOSSARY_IDS.
DEEPL_GLOSSARY_VARIABLES = {
    ("DE", "FR"): "DEEPL_GLOSSARY_ID_DE_FR",
    ("FR", "DE"): "DEEPL_GLOSSARY_ID_FR_DE",
}


def machine_translator_config(env):
    """DeepL if ``DEEPL_AUTH_KEY`` is set, else LibreTranslate if ``LIBRETRANSLATE_URL`` is."""
    timeout = env.float("MACHINE_TRANSLATION_TIMEOUT", default=30.0)
    if auth_key := env("DEEPL_AUTH_KEY", default=""):
        # Town halls write formally (Sie, vous): prefer the formal register.
        options = {
            "AUTH_KEY": auth_key,
            "FORMALITY": env("DEEPL_FORMALITY", default="prefer_more"),
            "TIMEOUT": timeout,
        }
        if api_url := env("DEEPL_API_URL", default=""):
            options["API_URL"] = api_url
        glossaries = {
            pair: glossary_id
            for pair, variable in DEEPL_GLOSSARY_VARIABLES.items()
            if (glossary_id := env(variable, default=""))
        }
        if glossaries:
            options["GLOSSARY_IDS"] = glossaries
        return {"CLASS": "translation.machine.DeepLTranslator", "OPTIONS": options}
    if url := env("LIBRETRANSLATE_URL", default=""):
        return {
            "CLASS": "translation.machine.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": url,
                "API_KEY": env("LIBRETRANSLATE_API_KEY", default=""),
                "CHAR_LIMIT": env.int("LIBRETRANSLATE_CHAR_LIMIT", default=5000),
                "TIMEOUT": timeout,
            },
        }
    return None
