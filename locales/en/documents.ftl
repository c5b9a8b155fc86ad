## Documents: group reports, the Chair's summary, the draft
document-kind-group-report = Group report
document-kind-chairs-summary = Chair's summary
document-kind-draft = Draft
document-kind-paragraph = Paragraph
document-kind-measure = Measure, lettered under the paragraph above
document-kind-heading = Heading
document-working-copy = Working copy
document-working-copy-intro = Not public: what the drafters are editing now. Publish it as a revision to make it public.
document-showing-revision = Published revision
document-revisions = Revisions
document-compare = Compare revisions
document-compare-from = Earlier
document-compare-to = Later
document-compare-submit = Compare
document-compare-summary = Differences
document-changed-count = { $count ->
    [one] 1 changed
   *[other] { $count } changed
}
document-added-count = { $count } added
document-removed-count = { $count } removed
document-moved-count = { $count } moved
document-differences = Paragraph by paragraph
document-change-unchanged = unchanged
document-change-changed = changed
document-change-added = added
document-change-removed = removed
document-change-moved = moved
document-concordance = Concordance of paragraph numbers
document-concordance-new = (new)
document-concordance-removed = (removed)
document-first-paragraph = First paragraph
document-insert = Add
document-insert-after = Add after this
document-node-kind = Kind
document-node-text = Text
document-node-text-hint = Markdown: **bold**, *italic*, a blank line between paragraphs.
document-edit-node = Edit
document-move-up = Move up
document-move-down = Move down
document-delete-node = Remove
document-node-place = Move or remove
document-publish-title = Publish a revision
document-publish-intro = Publishing freezes the working copy as it is now, under a name, for everyone to read. A published revision never changes.
document-revision-label = Name of the revision
document-revision-label-hint = Such as Zero draft, Rev.1, Rev.2, Final text.
document-publish = Publish
document-sources = Sources
document-sources-count = { $count ->
    [one] 1 source
   *[other] { $count } sources
}
document-no-sources = No source is linked to this paragraph yet.
document-add-source = Link a source
document-source-kind = Kind of source
document-source-proposal = A commitment proposal
document-source-contribution = A written contribution
document-source-paragraph = A paragraph of another document
document-source-reference = Reference
document-source-reference-hint = A reference number such as GCM/CP/0012 or GCM/WC/0042; for a paragraph, the document's short name and the paragraph's number, such as group-1-report 7.
document-source-version = Version (optional)
document-source-version-hint = For a proposal: the version number; the latest when left empty.
document-source-quote = Quote (optional)
document-source-note = Note (optional)
document-conflict = Someone else saved this paragraph while you were editing it, and changed the same words. Nothing is lost: their text is shown first, yours is in the box. Combine them, then save.
document-conflict-theirs = Saved meanwhile by someone else
document-conflict-mine = Your text
document-conflict-hint = Saving replaces the text saved meanwhile with what is in this box.
document-node-removed-meanwhile = Someone removed this paragraph while you were editing it. Your text is kept below: add it again, or copy it elsewhere.
document-add-again = Add it again
error-heading-one-line = A heading is one line.
error-no-such-source = Nothing with this reference was found in this process.
notice-merged = Saved. Someone else had changed other words of this paragraph meanwhile; both changes are kept.
notice-published = The revision has been published.
document-pick-title = Pull in text
document-pick-intro = Paragraphs of the published Chair's summary and accepted proposals. What you pull in keeps its source and can be edited.
document-pick-count = { $count ->
    [one] 1 paragraph or proposal
   *[other] { $count } paragraphs and proposals
}
document-pull = Pull in
document-pull-here = Pull in text after this
document-compile-summary = Compile the Chair's summary
document-start-draft = Start the draft
document-start-report = Start the group report
document-details = Title, symbol and language
document-details-intro = These details head every revision published from now on and every export of it.
document-details-title = Title
document-details-symbol = Document symbol (optional)
document-details-symbol-hint = The symbol under which the document is issued, such as A/CONF.231/3.
document-details-language = Language of the text
document-details-language-hint = Exports state it, so that readers, screen readers and archives treat the text rightly.
document-language-choose = Choose one of the languages in the list.
notice-details-saved = The details have been saved.
error-revision-label-required = Give the revision a name, such as Rev.1.
error-revision-label-taken = A revision of this document has this name already; choose another.
document-details-changed-meanwhile = Someone else changed this while you were editing; what they saved is shown above. Saving again keeps what is in this box.

## Brackets and paragraph status in the negotiated draft
document-brackets-hint = Brackets mark text not yet agreed: [option one {"{"}A/3: Mexico{"}"}] [option two {"{"}EU{"}"}]. Write \[ and \] for literal brackets.
error-brackets-nested = A bracket is opened inside another one: close the first bracket before opening the next, or write \[ for a literal bracket.
error-brackets-unopened = A closing bracket ] has no opening bracket before it: add the [ or write \] for a literal bracket.
error-brackets-unclosed = A bracket [ is never closed: add the ] or write \[ for a literal bracket.
error-brackets-citation-unclosed = A citation {"{"}…{"}"} inside a bracket is not closed before the bracket ends.
error-brackets-after-citation = The citation {"{"}…{"}"} must come last in its bracket, just before the ].
error-brackets-empty = A bracket holds neither words nor a citation.
paragraph-status-pending = Pending
paragraph-status-agreed-ad-ref = Agreed ad referendum
paragraph-status-agreed = Agreed
document-status-label = Status in the negotiation
document-status-set = Set status
consensus-heading = How close to consensus
consensus-paragraphs = Paragraphs
consensus-agreed = Agreed
consensus-agreed-ad-ref = Agreed ad referendum
consensus-open-brackets = Open brackets
document-amendment-no-change = The amendment reads as the paragraph already does.
document-amendment-crosses-bracket = The words the amendment changes cross a bracket of the paragraph: resolve that bracket first, or accept the amendment whole.
