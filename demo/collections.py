"""Image and document collections: one per town, and one both towns share."""

from wagtail.models import Collection

SHARED = "Gemeinsam · Commun"


def collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))
