# The review of proposals: the queue, decisions, internal notes, notifications.

## Navigation

nav-notifications = Notifications
nav-unread = unread

## The queue

review-queue-title = Review queue
review-queue-link = Review queue
review-queue-intro-decide = The proposals submitted to this group and awaiting a decision, oldest first. Each decision is made on the version you read, with a rationale, and is public.
review-queue-intro-read = The proposals submitted to this group and awaiting a decision, oldest first. As a moderator you can read the queue and write internal notes; the rapporteurs decide.
review-queue-count = Proposals in the queue: { $count }
review-filter = Filter
review-co-sponsors = Co-sponsors
review-co-sponsors-none = None
review-co-sponsors-1 = At least 1
review-co-sponsors-2 = At least 2
review-co-sponsors-5 = At least 5
review-under-review = Version under review
review-public-page = Public page
review-notes = Internal notes
review-history = History
review-similar = Most similar proposals in this group
review-similar-none = No similar proposal in this group.
review-similarity = How much of their wording the two proposals share
review-similarity-percent = { $percent } % alike
review-similarity-near-identical = near-identical: a word or two changed
review-decide = Review and decide
review-open = Open

## One proposal under review

review-proposal-title = Review
review-text = Text under review
review-decision-title = Decision
review-decision-intro = Your decision is made on version { $version }, the one shown on this page. It is public, with its rationale; the rapporteurs are named by their role.
review-decision = Decision
review-decision-choose = Choose a decision
review-decision-accept = Accept
review-decision-request-revision = Request a revision
review-decision-reject = Reject
review-decision-merge = Merge into another proposal
review-decision-duplicate = Mark as a duplicate of another proposal
review-rationale = Rationale
review-rationale-hint = Required. For a request for revision, say what to change: the author reads it on the proposal's page.
review-rationale-not-recorded = Your rationale, not recorded:
review-target = Other proposal (for a merge or a duplicate)
review-target-hint = Its reference, such as GCM/CP/0003. It must belong to this group.
review-decision-submit = Record decision
review-notes-intro = Only this group's rapporteurs and moderators and the secretariat read these notes.
review-notes-none = No notes yet.
review-note = New note
review-note-submit = Add note
review-reply-to = Reply to { $author }
review-reply-submit = Reply

## Refusals

review-error-choose-decision = Choose a decision.
review-error-not-submitted = This proposal is no longer awaiting a decision: it was decided, withdrawn, or sent back to its author meanwhile. Nothing was recorded.
review-error-stale-version = The author submitted a new version after you opened this page. It is shown below: read it, then decide again. Your rationale is kept.
review-error-changed = This proposal changed while you were deciding. It is shown below as it stands now. Nothing was recorded.
review-error-target-required = Give the reference of the other proposal.
review-error-target-not-expected = This decision names no other proposal.
review-error-target-itself = A proposal cannot be merged into itself or be its own duplicate.
review-error-target-other-group = The other proposal belongs to another action group: only proposals of the same group can be merged or marked as duplicates.
review-error-target-not-eligible = The other proposal cannot take this: it was withdrawn, merged or marked as a duplicate itself (or rejected, for a merge).
review-error-no-such-target = No submitted proposal of this process has this reference.

## Public decisions and history

review-decision-public-title = Decision
review-revision-requested-title = Revision requested
review-done-accept = Accepted
review-done-request-revision = Revision requested
review-done-reject = Rejected
review-done-merge = Merged into
review-done-duplicate = Marked as a duplicate of
review-on-version = on version { $version }
review-by-rapporteur = by the group's rapporteur
review-by-secretariat = by the secretariat
review-by-reviewers = by the reviewers
review-history-version = Version { $version } submitted
review-history-withdrawn = Withdrawn by its author
review-public-history = History
review-referrers = Proposals folded into this one
review-referrer-merge = Merged into this proposal
review-referrer-duplicate = Marked as a duplicate of this proposal
review-uses = Where this proposal was used
review-uses-none = No published document cites this proposal yet.
review-used-in = { $document }, { $revision }, paragraph { $number }
review-used-in-heading = { $document }, { $revision }
review-open-review = Open this proposal in the review queue

## The group report

review-report-compile-intro = Compile the group's report from its accepted proposals. Each paragraph keeps a link to the proposal it came from; you then edit and publish it.
review-report-compile = Compile the group report
review-report-working = Working copy

## Notifications

notifications-title = Notifications
notifications-intro = Decisions on your proposals, invitations to co-sponsor, moderation of your contributions, and what arrives for your review.
notifications-settings-link = Choose how you receive them.
notifications-none = You have no notifications.
notifications-new = New
notifications-digest-of = Daily digest of { $day }
notifications-decision = A decision was made.
notifications-accept = Accepted.
notifications-request-revision = The rapporteurs ask for a new version.
notifications-reject = Rejected.
notifications-merge = Merged into another proposal.
notifications-duplicate = Marked as a duplicate of another proposal.
notifications-settings-title = Notifications
notifications-settings-intro = You are notified here of decisions on the proposals you submitted or your organisation co-sponsors.
notifications-see-all = See your notifications.
notifications-delivery = How to receive them
notifications-delivery-immediate = At once, one by one
notifications-delivery-daily-digest = Once a day, together in a digest the next day (UTC)
notifications-settings-submit = Save notification settings

## Notices after a redirect

notice-decision-recorded = The decision has been recorded and published. The author and co-sponsors are notified.
notice-note-added = Your note has been added.
notice-notifications-saved = Your notification settings have been saved.
review-queue-count-more = Proposals in the queue: more than { $count }
