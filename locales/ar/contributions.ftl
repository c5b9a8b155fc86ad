## المساهمات المكتوبة
contributions-title = المساهمات المكتوبة
contributions-count = { $count ->
    [zero] لا توجد مساهمات
    [one] مساهمة واحدة
    [two] مساهمتان
    [few] { $count } مساهمات
    [many] { $count } مساهمة
   *[other] { $count } مساهمة
}
contributions-none = لا توجد مساهمات مطابقة. جرّب عددًا أقل من الكلمات أو عوامل تصفية أخرى.
contribution-new = كتابة مساهمة
contribution-form-title = كتابة مساهمة
contribution-edit-draft-title = مسودة مساهمتك
contribution-your-drafts = مسوداتك
contribution-untitled = (مسودة بلا عنوان)
contribution-saved-at = حُفظت في
field-contribution-title = العنوان
field-contribution-title-hint = الحد الأقصى لعدد الأحرف: { $max }.
field-contribution-body = النص
field-contribution-body-hint = الحد الأقصى لعدد الأحرف: { $max }. يمكنك استخدام Markdown: سطر فارغ بين الفقرات، # للعنوان، * للقائمة، **غامق**، *مائل*.
field-contribution-groups = أفرقة العمل
field-contribution-themes = المواضيع
field-attachments = المرفقات
field-attachments-add = إضافة ملفات PDF
field-attachments-hint = ملفات PDF فقط، بحد أقصى 20 ميغابايت لكل ملف، و5 ملفات في المرة الواحدة. وتُرفق بالمسودة بمجرد حفظها أو معاينتها أو تقديمها.
attachment-remove = إزالة
contribution-submit = تقديم علني
contribution-submit-hint = يؤدي التقديم إلى نشر مساهمتك فورًا باسمك واسم منظمتك مع رقم مرجعي، ولا يمكن التراجع عنه. احفظ مسودة لمواصلة العمل عليها.
contribution-preview = معاينة
contribution-save-draft = حفظ المسودة
contribution-preview-heading = معاينة
autosave-saved = حُفظت المسودة تلقائيًا في الساعة { "{" }time{ "}" } (بالتوقيت العالمي المنسق).
autosave-failed = تعذّر حفظ المسودة تلقائيًا. استخدم «حفظ المسودة» للاحتفاظ بنصك.
contribution-window-closed = فترة التشاور غير مفتوحة، ولذا لا يمكن تقديم هذه المساهمة الآن. ولا يزال بإمكانك حفظها في صورة مسودة.
contribution-window-closed-draft-kept = أُغلقت فترة التشاور في أثناء كتابتك. وقد حُفظ نصك في صورة مسودة دون أن يُفقد منه شيء. وإذا احتجت إلى التقديم بعد انقضاء الموعد، فتواصل مع الأمانة.
contribution-window-not-open-draft-kept = لم تُفتح فترة التشاور بعد. وقد حُفظ نصك في صورة مسودة؛ قدّمه عند فتح الفترة.
contribution-kept-as-draft = حُفظ نصك في صورة مسودة. صحّح ما هو مشار إليه أدناه، ثم قدّمه.
contribution-not-saved = لم يُحفظ أي شيء بعد: صحّح ما هو مشار إليه أدناه. ولا يزال نصك موجودًا في الاستمارة.
contribution-not-saved-failure = تعذّر حفظ نصك هذه المرة ولم يُقدَّم. ولا يزال نصك موجودًا في الاستمارة: يُرجى المحاولة مرة أخرى.
contribution-by = مقدَّمة من
contribution-withdrawn-notice = سحب صاحب هذه المساهمة مساهمته.
contribution-withdraw = سحب هذه المساهمة
contribution-withdraw-intro = تظل المساهمة المسحوبة متاحة للاطلاع، مع الإشارة إلى أنها مسحوبة. ولا يمكن التراجع عن السحب.
contribution-hidden-tombstone = أخفى أحد مديري الحوار هذه المساهمة
contribution-hidden-reason = السبب:
contribution-hidden-shown-to-you = مخفية عن غيرك: ترى نصها لأنك كاتبها أو من مديري الحوار أو من الأمانة التي تدير العملية.
contribution-hide-title = إخفاء هذه المساهمة
contribution-hide-reason = السبب المعلن
contribution-hide-hint = يُعرض مكان المساهمة. من 5 إلى 1000 حرف.
contribution-hide = إخفاء
contribution-status-draft = مسودة
contribution-status-submitted = مقدَّمة
contribution-status-withdrawn = مسحوبة
contribution-status-hidden = مخفية
receipt-title = الإيصال
receipt-reference = الرقم المرجعي
receipt-submitted = تاريخ الاستلام
receipt-hash = بصمة SHA-256 للنص المقدَّم
receipt-download = تنزيل الإيصال
error-not-pdf = لا يمكن إرفاق سوى ملفات PDF؛ وقد استُبعد ملف ليس بصيغة PDF.
error-no-such-theme = لا يوجد هذا الموضوع في هذه العملية.

## الإشعارات
notice-submitted = تم استلام مساهمتك. ويرد إيصالها أدناه: احتفظ بالرقم المرجعي.
notice-draft-saved = تم حفظ مسودتك.
notice-withdrawn = تم سحب المساهمة.
notice-hidden = تم إخفاء المساهمة؛ ويظهر السبب في الإشعار الذي يحل محلها.
notice-session-expired-draft-saved = انتهت جلستك، ولذا حُفظ نصك في صورة مسودة. سجّل الدخول لمتابعة العمل من حيث توقفت.

## القوائم
search-label = بحث
search-submit = بحث
filter-any = الكل
filter-group = فريق العمل
filter-theme = الموضوع
filter-status = الحالة
filter-language = اللغة
sort-label = الترتيب حسب
sort-newest = الأحدث أولًا
sort-oldest = الأقدم أولًا
sort-title = العنوان
sort-reference = الرقم المرجعي
sort-relevance = الأكثر صلة أولًا
search-more-than = وُجد أكثر من { $count } نتيجة: تُعرض أحدث { $count } منها. أضف كلمة أو عامل تصفية لتضييق البحث.
search-more-than-best = وُجد أكثر من { $count } نتيجة: تُعرض { $count } الأكثر صلة منها. أضف كلمة أو عامل تصفية لتضييق البحث.
pagination-label = الصفحات
pagination-previous = الصفحة السابقة
pagination-next = الصفحة التالية
pagination-page = الصفحة { $page }
pagination-first = الصفحة الأولى
pagination-rows = الصفوف { $from }–{ $to } من { $total }
pagination-rows-more = الصفوف { $from }–{ $to } من أكثر من { $total }
pagination-too-deep = تتوقف أرقام الصفحات عند { $max }: هذه هي الصفحة الأولى. تابع باستخدام «الصفحة التالية»، أو ضيّق القائمة باستخدام عوامل التصفية.
contributions-count-more = أكثر من { $count } مساهمة

## الحملات: إرسال الرسالة نفسها مرات عديدة
campaign-title = حملة
campaign-submitted-times = { $count ->
    [one] أُرسل هذا النص مرة واحدة
   *[other] أُرسل هذا النص { $count } مرة
}
campaign-added-words = { $count ->
    [0] لم يضف أحد كلمات من عنده
    [one] أضاف واحد كلمات من عنده
   *[other] أضاف { $count } كلمات من عندهم
}
campaign-member = { $count ->
    [one] هذا النص جزء من حملة.
   *[other] نسخة من { $count } نسخة لحملة.
}
campaign-see = عرض الحملة
campaign-letter = الرسالة
campaign-copies-heading = نسخ فيها كلمات مضافة
campaign-copies-none = لا تختلف أي نسخة عن الرسالة.
campaign-copies-no-more = لا توجد نسخ أخرى تختلف عن الرسالة.
campaign-diff-added = مضاف
campaign-diff-removed = محذوف

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = إيصال استلام مساهمة مكتوبة
receipt-file-process = العملية:
receipt-file-reference = الرقم المرجعي:
receipt-file-title = العنوان:
receipt-file-submitted = تاريخ التقديم:
receipt-file-hash = بصمة SHA-256 للنص المقدَّم:
receipt-file-attachment = مرفق:
receipt-file-size = { $size ->
    [zero] { $size } بايت
    [one] بايت واحد
    [two] بايتان
    [few] { $size } بايتات
    [many] { $size } بايتًا
   *[other] { $size } بايت
}
receipt-file-check = تُحسب البصمة على العنوان وسطر فارغ والنص، تمامًا كما قُدِّمت (UTF-8، وفواصل الأسطر LF). للتحقق منها:

# The language a contribution or proposal is written in.
field-text-language = لغة هذا النص
field-text-language-hint = مقترحة وفق الخط الذي كُتب به نصك؛ غيّرها إن كانت خاطئة.
error-no-such-language = اختر إحدى اللغات الرسمية الست.
