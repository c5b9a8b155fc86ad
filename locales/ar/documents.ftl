## الوثائق: تقارير الأفرقة، وملخص الرئيس، والمشروع
document-kind-group-report = تقرير الفريق
document-kind-chairs-summary = ملخص الرئيس
document-kind-draft = المشروع
document-kind-paragraph = فقرة
document-kind-measure = إجراء، يُرمَز إليه بحرف تحت الفقرة السابقة
document-kind-heading = عنوان
document-working-copy = نسخة العمل
document-working-copy-intro = غير علنية: النص الذي يعمل عليه القائمون بالصياغة حاليًا. انشرها في صورة تنقيح لجعلها علنية.
document-showing-revision = التنقيح المنشور
document-revisions = التنقيحات
document-compare = مقارنة التنقيحات
document-compare-from = النسخة الأقدم
document-compare-to = النسخة الأحدث
document-compare-submit = مقارنة
document-compare-summary = الفروق
document-changed-count = { $count ->
    [zero] لا فقرة معدَّلة
    [one] فقرة واحدة معدَّلة
    [two] فقرتان معدَّلتان
    [few] { $count } فقرات معدَّلة
    [many] { $count } فقرة معدَّلة
   *[other] { $count } فقرة معدَّلة
}
document-added-count = { $count ->
    [zero] لا فقرة مضافة
    [one] فقرة واحدة مضافة
    [two] فقرتان مضافتان
    [few] { $count } فقرات مضافة
    [many] { $count } فقرة مضافة
   *[other] { $count } فقرة مضافة
}
document-removed-count = { $count ->
    [zero] لا فقرة محذوفة
    [one] فقرة واحدة محذوفة
    [two] فقرتان محذوفتان
    [few] { $count } فقرات محذوفة
    [many] { $count } فقرة محذوفة
   *[other] { $count } فقرة محذوفة
}
document-moved-count = { $count ->
    [zero] لا فقرة منقولة
    [one] فقرة واحدة منقولة
    [two] فقرتان منقولتان
    [few] { $count } فقرات منقولة
    [many] { $count } فقرة منقولة
   *[other] { $count } فقرة منقولة
}
document-differences = فقرة بفقرة
document-change-unchanged = دون تغيير
document-change-changed = معدَّل
document-change-added = مضاف
document-change-removed = محذوف
document-change-moved = منقول
document-concordance = جدول مقابلة أرقام الفقرات
document-concordance-new = (جديدة)
document-concordance-removed = (محذوفة)
document-first-paragraph = الفقرة الأولى
document-insert = إضافة
document-insert-after = إضافة بعد هذا العنصر
document-node-kind = النوع
document-node-text = النص
document-node-text-hint = Markdown: **غامق**، *مائل*، وسطر فارغ بين الفقرات.
document-edit-node = تعديل
document-move-up = نقل إلى الأعلى
document-move-down = نقل إلى الأسفل
document-delete-node = حذف
document-node-place = نقل أو حذف
document-publish-title = نشر تنقيح
document-publish-intro = يؤدي النشر إلى تثبيت نسخة العمل على حالتها الراهنة، تحت اسم، ليطّلع عليها الجميع. ولا يتغير التنقيح المنشور أبدًا.
document-revision-label = اسم التنقيح
document-revision-label-hint = مثل: المسودة الأولية، Rev.1، Rev.2، النص النهائي.
document-publish = نشر
document-sources = المصادر
document-sources-count = { $count ->
    [zero] لا مصادر
    [one] مصدر واحد
    [two] مصدران
    [few] { $count } مصادر
    [many] { $count } مصدرًا
   *[other] { $count } مصدر
}
document-no-sources = لم يُربط أي مصدر بهذه الفقرة بعد.
document-add-source = ربط مصدر
document-source-kind = نوع المصدر
document-source-proposal = مقترح التزام
document-source-contribution = مساهمة مكتوبة
document-source-paragraph = فقرة من وثيقة أخرى
document-source-reference = المرجع
document-source-reference-hint = رقم مرجعي مثل GCM/CP/0012 أو GCM/WC/0042؛ وبالنسبة إلى الفقرة، الاسم المختصر للوثيقة يليه رقم الفقرة، مثل group-1-report 7.
document-source-version = النسخة (اختياري)
document-source-version-hint = بالنسبة إلى المقترح: رقم النسخة؛ وإذا تُرك فارغًا، فالنسخة الأحدث.
document-source-quote = اقتباس (اختياري)
document-source-note = ملاحظة (اختياري)
document-conflict = حفظ شخص آخر هذه الفقرة في أثناء تعديلك لها، وغيّر الكلمات نفسها. لم يضع شيء: يُعرض نصه أولًا، ونصك في الخانة أدناه. ادمج النصين، ثم احفظ.
document-conflict-theirs = ما حفظه شخص آخر في الأثناء
document-conflict-mine = نصك
document-conflict-hint = يؤدي الحفظ إلى الاستعاضة عن النص المحفوظ في الأثناء بما في هذه الخانة.
document-node-removed-meanwhile = حذف شخص آخر هذه الفقرة في أثناء تعديلك لها. ونصك محفوظ أدناه: أضفه من جديد، أو انسخه إلى موضع آخر.
document-add-again = إضافته من جديد
error-heading-one-line = لا يتجاوز العنوان سطرًا واحدًا.
error-no-such-source = لم يُعثر في هذه العملية على أي عنصر بهذا المرجع.
notice-merged = تم الحفظ. وكان شخص آخر قد غيّر في الأثناء كلمات أخرى من هذه الفقرة؛ واحتُفظ بالتغييرين كليهما.
notice-published = نُشر التنقيح.
document-pick-title = استيراد نص
document-pick-intro = فقرات ملخص الرئيس المنشور والمقترحات المقبولة. يحتفظ النص المستورد بمصدره، ويمكن تعديله.
document-pick-count = { $count ->
    [zero] لا توجد فقرة ولا مقترح
    [one] فقرة أو مقترح واحد
    [two] اثنان من الفقرات والمقترحات
    [few] { $count } من الفقرات والمقترحات
    [many] { $count } من الفقرات والمقترحات
   *[other] { $count } من الفقرات والمقترحات
}
document-pull = استيراد
document-pull-here = استيراد نص بعد هذا العنصر
document-compile-summary = إعداد ملخص الرئيس
document-start-draft = بدء المشروع
document-start-report = بدء تقرير الفريق
document-details = العنوان والرمز واللغة
document-details-intro = تتصدر هذه البيانات كل تنقيح يُنشر من الآن فصاعدًا وكل ملف يُصدَّر منه.
document-details-title = العنوان
document-details-symbol = رمز الوثيقة (اختياري)
document-details-symbol-hint = الرمز الذي تصدر به الوثيقة، مثل A/CONF.231/3.
document-details-language = لغة النص
document-details-language-hint = تُذكر اللغة في الملفات المصدَّرة، لكي يتعامل القراء وبرامج قراءة الشاشة والمحفوظات مع النص على النحو الصحيح.
document-language-choose = اختر إحدى اللغات الواردة في القائمة.
notice-details-saved = حُفظت البيانات.
error-revision-label-required = أعطِ التنقيح اسمًا، مثل Rev.1.
error-revision-label-taken = يوجد تنقيح لهذه الوثيقة بهذا الاسم؛ اختر اسمًا آخر.
document-details-changed-meanwhile = غيّر شخص آخر هذا الحقل أثناء تحريرك له؛ ما حفظه معروض أعلاه. إذا حفظت مرة أخرى يُحتفظ بما في هذا الحقل.

## الأقواس المعقوفة وحالة الفقرات في المشروع قيد التفاوض
document-brackets-hint = تُبيّن الأقواس المعقوفة النص الذي لم يُتفق عليه بعد: [الخيار الأول {"{"}A/3: المكسيك{"}"}] [الخيار الثاني {"{"}الاتحاد الأوروبي{"}"}]. اكتب \[ و\] للأقواس الحرفية.
error-brackets-nested = فُتح قوس داخل قوس آخر: أغلق القوس الأول قبل فتح التالي، أو اكتب \[ لقوس حرفي.
error-brackets-unopened = لا يسبق قوسَ الإغلاق ] قوسُ فتح: أضف [ أو اكتب \] لقوس حرفي.
error-brackets-unclosed = القوس [ لم يُغلق: أضف ] أو اكتب \[ لقوس حرفي.
error-brackets-citation-unclosed = الإحالة {"{"}…{"}"} داخل القوس لم تُغلق قبل نهاية القوس.
error-brackets-after-citation = يجب أن تأتي الإحالة {"{"}…{"}"} في آخر القوس، قبل ] مباشرة.
error-brackets-empty = لا يحتوي القوس على نص ولا على إحالة.
paragraph-status-pending = معلّقة
paragraph-status-agreed-ad-ref = متفق عليها رهنًا بالاستشارة
paragraph-status-agreed = متفق عليها
document-status-label = الحالة في المفاوضات
document-status-set = حفظ الحالة
consensus-heading = مدى الاقتراب من توافق الآراء
consensus-paragraphs = الفقرات
consensus-agreed = المتفق عليها
consensus-agreed-ad-ref = المتفق عليها رهنًا بالاستشارة
consensus-open-brackets = الأقواس المفتوحة
document-amendment-no-change = نص التعديل مطابق لنص الفقرة الحالي.
document-amendment-crosses-bracket = الكلمات التي يغيّرها التعديل تتقاطع مع قوس معقوف في الفقرة: عالِج ذلك القوس أولاً، أو اقبل التعديل بكامله.
