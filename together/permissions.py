"""Who may do what with comments: their author edits and deletes them; community admins moderate."""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule


@rule("comment.edit")
def can_edit_comment(user: Any, comment: Any) -> bool:
    return comment.removed_at is None and comment.author_id is not None and comment.author_id == user.pk


@rule("comment.remove")
def can_remove_comment(user: Any, comment: Any) -> bool:
    """The author deletes their own comment; an admin removes anyone's, saying why (an audit entry)."""
    return comment.removed_at is None and (comment.author_id == user.pk or is_admin(user))
