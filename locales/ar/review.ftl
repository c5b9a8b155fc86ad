# مراجعة المقترحات: قائمة المراجعة، والقرارات، والملاحظات الداخلية، والإشعارات.

## التنقل

nav-notifications = الإشعارات
nav-unread = غير مقروءة

## قائمة المراجعة

review-queue-title = قائمة المراجعة
review-queue-link = قائمة المراجعة
review-queue-intro-decide = المقترحات المقدمة إلى هذا الفريق والتي تنتظر قرارًا، الأقدم أولًا. يُتخذ كل قرار بشأن النسخة التي قرأتها، مع تعليل، ويكون علنيًا.
review-queue-intro-read = المقترحات المقدمة إلى هذا الفريق والتي تنتظر قرارًا، الأقدم أولًا. بصفتك ميسّرًا يمكنك قراءة القائمة وكتابة ملاحظات داخلية؛ أما القرار فللمقررين.
review-queue-count = عدد المقترحات في القائمة: { $count }
review-filter = تصفية
review-co-sponsors = المشاركون في تقديم المقترح
review-co-sponsors-none = لا أحد
review-co-sponsors-1 = واحد على الأقل
review-co-sponsors-2 = اثنان على الأقل
review-co-sponsors-5 = خمسة على الأقل
review-under-review = النسخة قيد المراجعة
review-public-page = الصفحة العامة
review-notes = ملاحظات داخلية
review-history = السجل
review-similar = أكثر المقترحات شبهًا به في هذا الفريق
review-similar-none = لا يوجد مقترح مشابه في هذا الفريق.
review-similarity = مقدار الصياغة المشتركة بين المقترحين
review-similarity-percent = متشابه بنسبة { $percent } %
review-similarity-near-identical = شبه مطابق: تغيّرت كلمة أو كلمتان
review-decide = المراجعة واتخاذ القرار
review-open = فتح

## مقترح قيد المراجعة

review-proposal-title = المراجعة
review-text = النص قيد المراجعة
review-decision-title = القرار
review-decision-intro = يُتخذ قرارك بشأن النسخة { $version }، وهي المعروضة في هذه الصفحة. القرار علني مع تعليله، ويُشار إلى المقررين بصفتهم لا بأسمائهم.
review-decision = القرار
review-decision-choose = اختر قرارًا
review-decision-accept = قبول
review-decision-request-revision = طلب تنقيح
review-decision-reject = رفض
review-decision-merge = دمج في مقترح آخر
review-decision-duplicate = وسم كنسخة مكررة من مقترح آخر
review-rationale = التعليل
review-rationale-hint = إلزامي. عند طلب التنقيح، بيّن ما ينبغي تغييره: يقرؤه صاحب المقترح في صفحة المقترح.
review-rationale-not-recorded = تعليلك، ولم يُسجَّل:
review-target = المقترح الآخر (للدمج أو التكرار)
review-target-hint = رقمه المرجعي، مثل GCM/CP/0003. يجب أن ينتمي إلى هذا الفريق.
review-decision-submit = تسجيل القرار
review-notes-intro = لا يقرأ هذه الملاحظات إلا مقررو هذا الفريق وميسّروه والأمانة.
review-notes-none = لا توجد ملاحظات بعد.
review-note = ملاحظة جديدة
review-note-submit = إضافة الملاحظة
review-reply-to = الرد على { $author }
review-reply-submit = رد

## حالات الرفض

review-error-choose-decision = اختر قرارًا.
review-error-not-submitted = لم يعد هذا المقترح ينتظر قرارًا: فقد اتُّخذ بشأنه قرار أو سُحب أو أُعيد إلى صاحبه في الأثناء. لم يُسجَّل شيء.
review-error-stale-version = قدّم صاحب المقترح نسخة جديدة بعد فتحك هذه الصفحة. وهي معروضة أدناه: اقرأها ثم قرّر من جديد. تعليلك محفوظ.
review-error-changed = تغيّر هذا المقترح أثناء اتخاذك القرار. وهو معروض أدناه كما هو الآن. لم يُسجَّل شيء.
review-error-target-required = اذكر الرقم المرجعي للمقترح الآخر.
review-error-target-not-expected = هذا القرار لا يشير إلى مقترح آخر.
review-error-target-itself = لا يمكن دمج مقترح في نفسه ولا أن يكون نسخة مكررة من نفسه.
review-error-target-other-group = ينتمي المقترح الآخر إلى فريق عمل آخر: لا يُدمج ولا يوسم كمكرر إلا مقترحات الفريق نفسه.
review-error-target-not-eligible = لا يمكن أن يكون المقترح الآخر محلًا لهذا القرار: فقد سُحب أو دُمج أو وُسم كمكرر هو نفسه (أو رُفض، في حالة الدمج).
review-error-no-such-target = لا يوجد في هذه العملية مقترح مقدَّم بهذا الرقم المرجعي.

## القرارات العلنية والسجل

review-decision-public-title = القرار
review-revision-requested-title = طُلب تنقيح
review-done-accept = قُبل
review-done-request-revision = طُلب تنقيح
review-done-reject = رُفض
review-done-merge = دُمج في
review-done-duplicate = وُسم كنسخة مكررة من
review-on-version = بشأن النسخة { $version }
review-by-rapporteur = من مقرر الفريق
review-by-secretariat = من الأمانة
review-by-reviewers = من المراجعين
review-history-version = قُدّمت النسخة { $version }
review-history-withdrawn = سحبه صاحبه
review-public-history = السجل
review-referrers = مقترحات ضُمّت إلى هذا المقترح
review-referrer-merge = دُمج في هذا المقترح
review-referrer-duplicate = وُسم كنسخة مكررة من هذا المقترح
review-uses = أين استُخدم هذا المقترح
review-uses-none = لا توجد وثيقة منشورة تستشهد بهذا المقترح بعد.
review-used-in = { $document }، { $revision }، الفقرة { $number }
review-used-in-heading = { $document }، { $revision }
review-open-review = فتح هذا المقترح في قائمة المراجعة

## تقرير الفريق

review-report-compile-intro = إعداد تقرير الفريق من مقترحاته المقبولة. تحتفظ كل فقرة برابط إلى المقترح الذي أُخذت منه؛ ثم تحررها وتنشرها.
review-report-compile = إعداد تقرير الفريق
review-report-working = نسخة العمل

## الإشعارات

notifications-title = الإشعارات
notifications-intro = القرارات المتخذة بشأن مقترحاتك، والدعوات إلى المشاركة في التقديم، والإشراف على مساهماتك، وما يرد لاستعراضك.
notifications-settings-link = اختر طريقة تلقيها.
notifications-none = لا توجد لديك إشعارات.
notifications-new = جديد
notifications-digest-of = الملخص اليومي ليوم { $day }
notifications-decision = اتُّخذ قرار.
notifications-accept = قُبل.
notifications-request-revision = يطلب المقررون نسخة جديدة.
notifications-reject = رُفض.
notifications-merge = دُمج في مقترح آخر.
notifications-duplicate = وُسم كنسخة مكررة من مقترح آخر.
notifications-settings-title = الإشعارات
notifications-settings-intro = تُبلَّغ هنا بالقرارات المتخذة بشأن المقترحات التي قدمتها أو تشارك منظمتك في تقديمها.
notifications-see-all = عرض إشعاراتك.
notifications-delivery = طريقة التلقي
notifications-delivery-immediate = فورًا، كلًّا على حدة
notifications-delivery-daily-digest = مرة في اليوم، مجتمعة في ملخص في اليوم التالي (بالتوقيت العالمي)
notifications-settings-submit = حفظ إعدادات الإشعارات

## رسائل بعد إعادة التوجيه

notice-decision-recorded = سُجّل القرار ونُشر. وأُبلغ صاحب المقترح والمشاركون في تقديمه.
notice-note-added = أُضيفت ملاحظتك.
notice-notifications-saved = حُفظت إعدادات الإشعارات.
review-queue-count-more = عدد المقترحات في القائمة: أكثر من { $count }
