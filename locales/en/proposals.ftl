# Commitment proposals and action group pages — English. Complete: French and Arabic
# translate every message of this file.

## The list
proposals-title = Commitment proposals
proposals-intro = Concrete proposals of commitments and means of implementation, each submitted to one action group. Every version stays readable.
proposals-your-drafts = Your drafts
proposals-untitled = (untitled)
proposals-saved-on = saved
proposals-search = Search proposals
proposals-search-submit = Search
proposals-any = Any
proposals-sort = Order
proposals-sort-newest = Newest first
proposals-sort-oldest = Oldest first
proposals-sort-title = By title
proposals-sort-reference = By reference
proposals-sort-relevance = Best matches first
proposals-count = Proposals found: { $count }
proposals-pages = Pages
proposals-previous = Previous page
proposals-next = Next page
proposals-page-of = Page { $page } of { $pages }

## An action group's page
proposals-group-people = Rapporteurs and moderators
proposals-group-submit = Submit a proposal to this group
proposals-group-none = No proposal has been submitted to this group yet.
proposals-group-all = All proposals of this group
proposals-group-report = Group report
proposals-group-report-later = The rapporteurs compile the group's report from the accepted proposals once the review begins.

## States
proposal-status = Status
proposal-status-draft = Draft
proposal-status-submitted = Submitted
proposal-status-revision-requested = Revision requested
proposal-status-accepted = Accepted
proposal-status-rejected = Rejected
proposal-status-merged = Merged
proposal-status-duplicate = Duplicate
proposal-status-withdrawn = Withdrawn

## Fields
proposal-field-title = Title
proposal-hint-title = A short name for the commitment, as it will be listed.
proposal-field-commitment = Commitment
proposal-hint-commitment = What you propose that States commit to, in a few sentences.
proposal-field-actionable-measures = Actionable measures
proposal-hint-actionable-measures = One measure per line.
proposal-field-partnerships = Partnerships
proposal-hint-partnerships = Who works together to carry it out, and how.
proposal-field-capacity-building = Capacity-building
proposal-hint-capacity-building = The skills, institutions or exchanges it needs.
proposal-field-financing = Financing
proposal-hint-financing = How it is paid for.
proposal-field-data = Data
proposal-hint-data = The data to collect, share or improve.
proposal-field-responsible-actors = Responsible actors
proposal-hint-responsible-actors = Who carries it out: governments, local authorities, agencies, others.
proposal-field-sdg-targets = SDG targets
proposal-hint-sdg-targets = The Sustainable Development Goal targets it serves, such as 10.7.
proposal-field-timeline = Timeline
proposal-hint-timeline = When it starts, its milestones, and when it is complete.
proposal-field-indicators = Indicators
proposal-hint-indicators = How progress is measured.
proposal-means = Means of implementation
proposal-means-hint = The four overarching means of implementation. Leave empty what does not apply.
proposal-themes = Themes
proposal-theme = Theme
proposal-group = Action group
proposal-group-hint = The one action group this proposal is submitted to.
proposal-group-choose = Choose a group
proposal-group-fixed = A submitted proposal stays with the group it was submitted to.

## Writing
proposal-new-title = Submit a commitment proposal
proposal-new-intro = Submitting makes the proposal public with a reference number. You can also save a draft, which only you can see, and submit it later.
proposal-draft-title = Your draft proposal
proposal-draft-intro = This draft is saved and only you can see it. Submit it when it is ready.
proposal-revise-title = New version of { $reference }
proposal-revise-intro = You are changing version { $version }. Submitting makes a new version; every earlier version stays readable. A draft saved here changes nothing public.
proposal-see-public = See the public page.
proposal-window-closed-warning = The stocktaking window is closed: you can save your text as a draft, but not submit it.
proposal-on-behalf = The proposal is submitted on behalf of your organisation.
proposal-submit = Submit proposal
proposal-submit-version = Submit new version
proposal-submit-hint = Submitting publishes this version at once, with a reference number, for the group’s rapporteurs to review: it cannot be undone. Save a draft to keep working on it.
proposal-save-draft = Save draft
proposal-error-title-short = The title needs at least 3 characters.
proposal-error-no-such-theme = This process has no such theme.
proposal-error-newer-version = A newer version of this proposal was submitted after you opened this form. Your text is below, not yet submitted: check the public page, then submit again.
proposal-error-no-such-organisation = No organisation with this exact name has registered.
proposal-error-own-organisation = The proposal is already submitted on behalf of this organisation.
proposal-error-already-invited = This organisation has been invited already.

## One proposal
proposal-reference = Reference
proposal-version = Version
proposal-version-of = Version { $version }
proposal-submitted-by = Submitted by
proposal-submitted-on = Submitted
proposal-content-hash = Content hash (SHA-256)
proposal-withdrawn-notice = Its author withdrew this proposal. It stays readable.
proposal-withdrawn-on = Withdrawn:
proposal-older-version = You are reading version { $version }, not the current one.
proposal-see-current = See the current version.
proposal-your-proposal = Your proposal
proposal-your-proposal-intro = Until a decision is made, you can submit a new version of this proposal or withdraw it.
proposal-edit = Write a new version
proposal-withdraw = Withdraw this proposal
proposal-withdraw-hint = A withdrawn proposal stays readable, marked as withdrawn, and can no longer be changed.
proposal-withdraw-confirm = Yes, withdraw it
proposal-co-sponsors = Co-sponsors
proposal-no-co-sponsors = No co-sponsors yet.
proposal-pending-invitations = Invited, not yet answered
proposal-invitation-for-you = { $organisation } is invited to co-sponsor this proposal. As an accredited stakeholder of it, you may answer.
proposal-accept-invitation = Co-sponsor
proposal-decline-invitation = Decline
proposal-invite = Invite an organisation to co-sponsor
proposal-invite-organisation = Organisation
proposal-invite-hint = Organisations accredited in this process.
proposal-invite-submit = Invite
proposal-history = Versions
proposal-compare = Compare
proposal-compare-with-previous = Differences from the version before { $version }
proposal-compare-first-last = Differences between the first and the current version

## Comparing versions
proposal-compare-title = Differences between versions
proposal-compare-from = From
proposal-compare-to = To
proposal-compare-submit = Compare
proposal-compare-legend = Added words are underlined, removed words are struck through.
proposal-compare-same = These two versions are the same.
proposal-compare-unchanged = Unchanged:
proposal-diff-added = added
proposal-diff-removed = removed

## Notices after a redirect
notice-proposal-draft-saved = Your draft has been saved. Only you can see it.
notice-proposal-window-closed = The stocktaking window has closed, so your proposal could not be submitted. Nothing is lost: your text is saved here as a draft.
notice-proposal-session-expired = Your session had expired, so your proposal was not submitted. Nothing is lost: your text is saved as your draft. Sign in to continue.
notice-proposal-submitted = Your proposal has been submitted. Its reference number is below.
notice-proposal-version-submitted = Your new version has been submitted.
notice-proposal-withdrawn = The proposal has been withdrawn.
notice-proposal-invited = The organisation has been invited to co-sponsor this proposal.
notice-proposal-co-sponsored = Your organisation now co-sponsors this proposal.
notice-proposal-declined = You have declined the invitation.
proposals-count-more = Proposals found: more than { $count }
