"""The NLP core: stanza loading and the annotators.

It never imports flask, werkzeug or marshmallow, so the web app, the command
line and batch jobs share it unchanged.
"""

from service.nlp.annotator import ANNOTATIONS
from service.nlp.annotator import Annotator
from service.nlp.annotator import load_annotator
from service.nlp.errors import ModelsNotFound
from service.nlp.errors import ModelsNotReady
from service.nlp.errors import NlpError
from service.nlp.results import Annotation

__all__ = [
    "ANNOTATIONS",
    "Annotation",
    "Annotator",
    "ModelsNotFound",
    "ModelsNotReady",
    "NlpError",
    "load_annotator",
]
