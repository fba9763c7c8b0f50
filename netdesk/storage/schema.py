"""ORM rows (SQLAlchemy 2.x declarative). Only storage/ sees these classes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


contact_tags = Table(
    "contact_tags",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_tags_tag_id", "tag_id"),
)


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String, default="", index=True)
    display_name: Mapped[str] = mapped_column(String, default="")
    #: folded name used for ORDER BY (family name first)
    sort_name: Mapped[str] = mapped_column(String, default="", index=True)
    prefix: Mapped[str] = mapped_column(String, default="")
    given_name: Mapped[str] = mapped_column(String, default="")
    additional_names: Mapped[str] = mapped_column(String, default="")
    family_name: Mapped[str] = mapped_column(String, default="")
    suffix: Mapped[str] = mapped_column(String, default="")
    nickname: Mapped[str] = mapped_column(String, default="")
    organization: Mapped[str] = mapped_column(String, default="")
    department: Mapped[str] = mapped_column(String, default="")
    title: Mapped[str] = mapped_column(String, default="")
    birthday: Mapped[str | None] = mapped_column(String(10))
    #: month*100+day of the birthday, for the Today view's range query
    birthday_md: Mapped[int | None] = mapped_column(Integer, index=True)
    anniversary: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    met_at: Mapped[str] = mapped_column(String, default="")
    met_on: Mapped[date | None] = mapped_column(Date)
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    extra_vcard: Mapped[str] = mapped_column(Text, default="")
    last_contacted: Mapped[date | None] = mapped_column(Date, index=True)
    #: last contact (or creation) plus the effective cadence; None without a cadence
    cadence_due: Mapped[date | None] = mapped_column(Date, index=True)
    #: a snoozed keep-in-touch reminder is not due before this day
    cadence_snoozed_until: Mapped[date | None] = mapped_column(Date)
    next_touch: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    #: soft delete, so that Undo brings a contact back with its whole history
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    #: bumped by every write of the contact or its emails, phones, addresses, URLs, tags,
    #: photo or introducer, so that a save of a copy loaded earlier can tell that the row
    #: changed meanwhile (checked in the writing transaction: UPDATE ... WHERE version = ?)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    emails: Mapped[list[EmailRow]] = relationship(
        order_by="EmailRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    phones: Mapped[list[PhoneRow]] = relationship(
        order_by="PhoneRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    addresses: Mapped[list[AddressRow]] = relationship(
        order_by="AddressRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    urls: Mapped[list[UrlRow]] = relationship(
        order_by="UrlRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[TagRow]] = relationship(secondary=contact_tags, order_by="TagRow.name")


class EmailRow(Base):
    __tablename__ = "emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[str] = mapped_column(String)
    #: lower-cased value for duplicate detection
    value_key: Mapped[str] = mapped_column(String, index=True)
    label: Mapped[str] = mapped_column(String, default="")
    pref: Mapped[bool] = mapped_column(Boolean, default=False)


class PhoneRow(Base):
    __tablename__ = "phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[str] = mapped_column(String)
    e164: Mapped[str | None] = mapped_column(String, index=True)
    label: Mapped[str] = mapped_column(String, default="")
    pref: Mapped[bool] = mapped_column(Boolean, default=False)


class AddressRow(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    street: Mapped[str] = mapped_column(String, default="")
    locality: Mapped[str] = mapped_column(String, default="")
    region: Mapped[str] = mapped_column(String, default="")
    postal_code: Mapped[str] = mapped_column(String, default="")
    country: Mapped[str] = mapped_column(String, default="")
    label: Mapped[str] = mapped_column(String, default="")


class UrlRow(Base):
    __tablename__ = "urls"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[str] = mapped_column(String)
    label: Mapped[str] = mapped_column(String, default="")


class ImageRow(Base):
    """Pictures belonging to a contact: the photo, and scans of a business card."""

    __tablename__ = "contact_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String)  # photo | card_front | card_back
    mime: Mapped[str] = mapped_column(String, default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    #: default keep-in-touch cadence for contacts with this tag and no cadence of their own
    cadence_days: Mapped[int | None] = mapped_column(Integer)


class InteractionRow(Base):
    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    type: Mapped[str] = mapped_column(String, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    participants: Mapped[list[ParticipantRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ParticipantRow(Base):
    __tablename__ = "interaction_contacts"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    #: participant | introducer
    role: Mapped[str] = mapped_column(String, default="participant")
    #: copy of interactions.occurred_at so a contact's timeline is one index range scan
    occurred_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_interaction_contacts_contact_time", "contact_id", "occurred_at"),)


class FollowUpRow(Base):
    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)


class JobSearchRow(Base):
    """A job search the user starts and ends ("I landed")."""

    __tablename__ = "job_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    started_on: Mapped[date] = mapped_column(Date)
    target_roles: Mapped[str] = mapped_column(Text, default="")
    landed_role: Mapped[str] = mapped_column(String, default="")
    landed_company: Mapped[str] = mapped_column(String, default="")
    landed_start: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SearchInteractionRow(Base):
    """An interaction that belongs to a job search (logged while it was open; editable)."""

    __tablename__ = "search_interactions"

    search_id: Mapped[int] = mapped_column(
        ForeignKey("job_searches.id", ondelete="CASCADE"), primary_key=True
    )
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ReferenceRow(Base):
    """A contact marked as a reference, for a search or one application."""

    __tablename__ = "job_references"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    search_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_searches.id", ondelete="CASCADE"), index=True
    )
    application: Mapped[str] = mapped_column(String, default="")
    emphasise: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MessageTemplateRow(Base):
    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: the built-in this row was seeded from ("" for the user's own templates)
    builtin_key: Mapped[str] = mapped_column(String, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CampaignRow(Base):
    """Messages from one template to many people; left and resumed at will."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, default="")
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("message_templates.id", ondelete="SET NULL")
    )
    search_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_searches.id", ondelete="SET NULL")
    )
    log_type: Mapped[str] = mapped_column(String, default="message")
    #: JSON object of the values set for the whole campaign ({my_news}, ...)
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    recipients: Mapped[list[CampaignRecipientRow]] = relationship(
        order_by="CampaignRecipientRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CampaignRecipientRow(Base):
    __tablename__ = "campaign_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: the message as edited by the user; NULL while it is the template's rendering
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL")
    )

    __table_args__ = (UniqueConstraint("campaign_id", "contact_id"),)


class ContactUidRow(Base):
    """Further vCard UIDs of a contact: those of the contacts merged into it, so that a
    re-import or a sync of their cards still finds the merged contact."""

    __tablename__ = "contact_uids"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    uid: Mapped[str] = mapped_column(String, index=True)


class DuplicateRejectionRow(Base):
    """Two contacts a person said are not the same person: never proposed again.
    ``contact_a`` is the smaller id."""

    __tablename__ = "duplicate_rejections"

    contact_a: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    contact_b: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class SyncAccountRow(Base):
    """A CardDAV account and the one address book NetDesk syncs with it."""

    __tablename__ = "sync_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String)
    username: Mapped[str] = mapped_column(String, default="")
    book_url: Mapped[str] = mapped_column(String, default="")
    book_name: Mapped[str] = mapped_column(String, default="")
    vcard_version: Mapped[str] = mapped_column(String(3), default="3.0")
    #: RFC 6578 token of the last complete run ("" = list everything next time)
    sync_token: Mapped[str] = mapped_column(Text, default="")
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: one line for the status bar: what the last run did, or why it stopped
    last_result: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SyncStatusRow(Base):
    """Per identity (vCard UID), both sides as they were after the last good sync."""

    __tablename__ = "sync_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    ident: Mapped[str] = mapped_column(String)
    #: NULL once the contact is purged: then it counts as deleted here
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    local_hash: Mapped[str] = mapped_column(String, default="")
    href: Mapped[str] = mapped_column(String, default="")
    etag: Mapped[str] = mapped_column(String, default="")
    remote_hash: Mapped[str] = mapped_column(String, default="")

    __table_args__ = (Index("ux_sync_status_account_ident", "account_id", "ident", unique=True),)


class SyncConflictRow(Base):
    """A card changed on both sides: the server version was applied, this keeps ours."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    local_vcard: Mapped[str] = mapped_column(Text)
    remote_vcard: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncLogRow(Base):
    """What sync runs did and what went wrong, for the user to read."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    #: info | error | rejected (a card the server refused; it stays local, flagged)
    level: Mapped[str] = mapped_column(String, default="info")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    message: Mapped[str] = mapped_column(Text)


#: FTS5 tables are created by migrations (raw DDL); autogenerate must ignore them.
FTS_TABLES = ("contacts_fts", "interactions_fts")
