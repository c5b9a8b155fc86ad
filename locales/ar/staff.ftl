# من يُبلَّغ بماذا، وما ينتظر موظفي العملية.

notifications-co-sponsor-invited = دُعيت منظمتك إلى المشاركة في تقديم هذا المقترح. أجب في صفحته.
notifications-proposal-arrived = مقترح جديد في فريقك ينتظر استعراضك.
notifications-proposal-resubmitted = صيغة جديدة من هذا المقترح تنتظر استعراضك.
notifications-contribution-hidden = أخفى أحد المشرفين مساهمتك.
notifications-contribution-shown = أعاد أحد المشرفين إتاحة مساهمتك للعموم.
notifications-revision-published = نُشر هذا التنقيح.
notifications-reason = السبب

contribution-unhide-title = إعادة إتاحة هذه المساهمة للعموم
contribution-unhide-reason = السبب (علني، يُرسل إلى صاحب المساهمة)
contribution-unhide-hint = من 5 إلى 1000 حرف. يُبلَّغ صاحب المساهمة، ويحتفظ به سجل المراجعة.
contribution-unhide = إعادة الإتاحة للعموم
contribution-error-unhide-reason = اذكر سببًا يتراوح طوله بين 5 و1000 حرف.
notice-unhidden = أصبحت المساهمة متاحة للعموم من جديد، وأُبلغ صاحبها بذلك.

proposal-invite-choose = اختر منظمة
proposal-error-organisation-not-accredited = هذه المنظمة غير معتمدة في هذه العملية. اختر منظمة من القائمة.

error-revision-after-final = نُشر تنقيح بعنوان «النص النهائي». ضع علامة في المربع لتأكيد أن هذا التنقيح يليه.
document-after-final-warning = يحمل آخر تنقيح عنوان «النهائي». سيعدّه القراء النص النهائي.
document-after-final-confirm = نشر هذا التنقيح بعد التنقيح النهائي

document-unreported-groups = هذه الأفرقة ليس لها تقرير منشور بعد
document-missing-accepted = { $count ->
    [zero] لا توجد مقترحات مقبولة خارج التقرير
    [one] مقترح مقبول واحد من هذا الفريق لم يُدرج في التقرير بعد
    [two] مقترحان مقبولان من هذا الفريق لم يُدرجا في التقرير بعد
    [few] { $count } مقترحات مقبولة من هذا الفريق لم تُدرج في التقرير بعد
    [many] { $count } مقترحًا مقبولًا من هذا الفريق لم يُدرج في التقرير بعد
   *[other] { $count } مقترح مقبول من هذا الفريق لم يُدرج في التقرير بعد
}
document-missing-version = الصيغة { $version }
document-pull-accepted = { $count ->
    [one] إضافة هذا المقترح إلى التقرير
    [two] إضافة هذين المقترحين إلى التقرير
    [few] إضافة هذه المقترحات الـ{ $count } إلى التقرير
   *[other] إضافة هذه المقترحات ({ $count }) إلى التقرير
}
notice-pulled-accepted = أُضيفت المقترحات المقبولة إلى التقرير، كلٌّ منها مع مصدره.
notice-nothing-to-pull = التقرير يتضمن هذه المقترحات بالفعل.
document-pick-scope = أين يجري البحث
document-pick-scope-group = المقترحات المقبولة لهذا الفريق
document-pick-scope-all = ملخص الرئيس وجميع المقترحات المقبولة

process-participation = المشاركة
work-title = عملك
work-review = { $count ->
    [zero] لا توجد مقترحات تنتظر استعراضك
    [one] مقترح واحد ينتظر استعراضك
    [two] مقترحان ينتظران استعراضك
    [few] { $count } مقترحات تنتظر استعراضك
    [many] { $count } مقترحًا تنتظر استعراضك
   *[other] { $count } مقترح ينتظر استعراضك
}
work-hidden = { $count ->
    [zero] لا توجد مساهمات مخفية
    [one] مساهمة مخفية واحدة
    [two] مساهمتان مخفيتان
    [few] { $count } مساهمات مخفية
    [many] { $count } مساهمة مخفية
   *[other] { $count } مساهمة مخفية
}
work-document-revisions = { $count ->
    [zero] نسخة العمل، لم يُنشر شيء بعد
    [one] نسخة العمل، نُشر تنقيح واحد
    [two] نسخة العمل، نُشر تنقيحان
    [few] نسخة العمل، نُشرت { $count } تنقيحات
   *[other] نسخة العمل، نُشر { $count } تنقيحًا
}
work-compile-summary = لم يُعدّ ملخص الرئيس بعد.
work-start-draft = لم يبدأ العمل على المشروع بعد.
work-unreported = { $count ->
    [one] فريق واحد ليس له تقرير منشور بعد
    [two] فريقان ليس لهما تقرير منشور بعد
    [few] { $count } أفرقة ليس لها تقرير منشور بعد
   *[other] { $count } فريقًا ليس لها تقرير منشور بعد
}
work-accreditations = { $count ->
    [zero] لا توجد طلبات اعتماد معلقة
    [one] طلب اعتماد واحد ينتظر قرارك
    [two] طلبا اعتماد ينتظران قرارك
    [few] { $count } طلبات اعتماد تنتظر قرارك
   *[other] { $count } طلب اعتماد ينتظر قرارك
}
