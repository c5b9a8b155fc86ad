# مقترحات الالتزامات وصفحات أفرقة العمل — العربية.

## القائمة
proposals-title = مقترحات الالتزامات
proposals-intro = مقترحات ملموسة لالتزامات ووسائل تنفيذ، يُقدَّم كل منها إلى فريق عمل واحد. تبقى كل نسخة متاحة للاطلاع.
proposals-your-drafts = مسوداتك
proposals-untitled = (بلا عنوان)
proposals-saved-on = حُفظت في
proposals-search = البحث في المقترحات
proposals-search-submit = بحث
proposals-any = الكل
proposals-sort = الترتيب
proposals-sort-newest = الأحدث أولاً
proposals-sort-oldest = الأقدم أولاً
proposals-sort-title = حسب العنوان
proposals-sort-reference = حسب المرجع
proposals-sort-relevance = الأكثر صلة أولاً
proposals-count = المقترحات التي وُجدت: { $count }
proposals-pages = الصفحات
proposals-previous = الصفحة السابقة
proposals-next = الصفحة التالية
proposals-page-of = الصفحة { $page } من { $pages }

## صفحة فريق العمل
proposals-group-people = المقررون ومديرو الحوار
proposals-group-submit = تقديم مقترح إلى هذا الفريق
proposals-group-none = لم يُقدَّم أي مقترح إلى هذا الفريق بعد.
proposals-group-all = جميع مقترحات هذا الفريق
proposals-group-report = تقرير الفريق
proposals-group-report-later = يُعِدّ المقررون تقرير الفريق من المقترحات المقبولة بعد بدء الاستعراض.

## الحالات
proposal-status = الحالة
proposal-status-draft = مسودة
proposal-status-submitted = مقدَّم
proposal-status-revision-requested = طُلب تنقيحه
proposal-status-accepted = مقبول
proposal-status-rejected = مرفوض
proposal-status-merged = مدمج
proposal-status-duplicate = مكرر
proposal-status-withdrawn = مسحوب

## الحقول
proposal-field-title = العنوان
proposal-hint-title = اسم قصير للالتزام كما سيظهر في القائمة.
proposal-field-commitment = الالتزام
proposal-hint-commitment = ما تقترح أن تلتزم به الدول، في بضع جمل.
proposal-field-actionable-measures = الإجراءات العملية
proposal-hint-actionable-measures = إجراء واحد في كل سطر.
proposal-field-partnerships = الشراكات
proposal-hint-partnerships = من يعمل معاً لتنفيذه، وكيف.
proposal-field-capacity-building = بناء القدرات
proposal-hint-capacity-building = المهارات أو المؤسسات أو المبادلات التي يحتاج إليها.
proposal-field-financing = التمويل
proposal-hint-financing = كيف يُموَّل.
proposal-field-data = البيانات
proposal-hint-data = البيانات التي ينبغي جمعها أو تبادلها أو تحسينها.
proposal-field-responsible-actors = الجهات المسؤولة
proposal-hint-responsible-actors = من ينفذه: الحكومات أو السلطات المحلية أو الوكالات أو غيرها.
proposal-field-sdg-targets = غايات أهداف التنمية المستدامة
proposal-hint-sdg-targets = غايات أهداف التنمية المستدامة التي يخدمها، مثل 10.7.
proposal-field-timeline = الجدول الزمني
proposal-hint-timeline = متى يبدأ، ومراحله، ومتى يكتمل.
proposal-field-indicators = المؤشرات
proposal-hint-indicators = كيف يُقاس التقدم.
proposal-means = وسائل التنفيذ
proposal-means-hint = وسائل التنفيذ الشاملة الأربع. اترك فارغاً ما لا ينطبق.
proposal-themes = المواضيع
proposal-theme = الموضوع
proposal-group = فريق العمل
proposal-group-hint = فريق العمل الوحيد الذي يُقدَّم إليه هذا المقترح.
proposal-group-choose = اختر فريقاً
proposal-group-fixed = يبقى المقترح المقدَّم في الفريق الذي قُدِّم إليه.

## الكتابة
proposal-new-title = تقديم مقترح التزام
proposal-new-intro = يجعل التقديمُ المقترحَ علنياً برقم مرجعي. ويمكنك أيضاً حفظ مسودة لا يراها أحد غيرك، وتقديمها لاحقاً.
proposal-draft-title = مسودة مقترحك
proposal-draft-intro = هذه المسودة محفوظة ولا يراها أحد غيرك. قدِّمها عندما تكون جاهزة.
proposal-revise-title = نسخة جديدة من { $reference }
proposal-revise-intro = أنت تعدّل النسخة { $version }. ينشئ التقديم نسخة جديدة، وتبقى كل نسخة سابقة متاحة للاطلاع. ولا تغيّر المسودة المحفوظة هنا شيئاً مما هو علني.
proposal-see-public = الاطلاع على الصفحة العلنية.
proposal-window-closed-warning = فترة التقييم مغلقة: يمكنك حفظ نصك مسودةً، لكن لا يمكنك تقديمه.
proposal-on-behalf = يُقدَّم المقترح باسم منظمتك.
proposal-submit = تقديم المقترح
proposal-submit-version = تقديم النسخة الجديدة
proposal-submit-hint = يؤدي التقديم إلى نشر هذه النسخة فورًا مع رقم مرجعي لكي يستعرضها مقررو الفريق، ولا يمكن التراجع عنه. احفظ مسودة لمواصلة العمل عليها.
proposal-save-draft = حفظ المسودة
proposal-error-title-short = يجب أن يتكون العنوان من 3 أحرف على الأقل.
proposal-error-no-such-theme = لا يتضمن هذا المسار هذا الموضوع.
proposal-error-newer-version = قُدِّمت نسخة أحدث من هذا المقترح بعد أن فتحت هذه الاستمارة. نصك أدناه ولم يُقدَّم بعد: راجع الصفحة العلنية ثم أعد التقديم.
proposal-error-no-such-organisation = لا توجد منظمة مسجلة بهذا الاسم تماماً.
proposal-error-own-organisation = المقترح مقدَّم أصلاً باسم هذه المنظمة.
proposal-error-already-invited = سبقت دعوة هذه المنظمة.

## مقترح واحد
proposal-reference = المرجع
proposal-version = النسخة
proposal-version-of = النسخة { $version }
proposal-submitted-by = مقدَّم من
proposal-submitted-on = تاريخ التقديم
proposal-content-hash = بصمة المحتوى (SHA-256)
proposal-withdrawn-notice = سحب صاحبُ هذا المقترح مقترحَه. ويبقى متاحاً للاطلاع.
proposal-withdrawn-on = تاريخ السحب:
proposal-older-version = أنت تقرأ النسخة { $version }، وهي ليست النسخة الحالية.
proposal-see-current = الاطلاع على النسخة الحالية.
proposal-your-proposal = مقترحك
proposal-your-proposal-intro = ما دام لم يُتَّخذ قرار، يمكنك تقديم نسخة جديدة من هذا المقترح أو سحبه.
proposal-edit = كتابة نسخة جديدة
proposal-withdraw = سحب هذا المقترح
proposal-withdraw-hint = يبقى المقترح المسحوب متاحاً للاطلاع مع الإشارة إلى سحبه، ولا يمكن تعديله بعد ذلك.
proposal-withdraw-confirm = نعم، اسحبه
proposal-co-sponsors = المشاركون في تقديمه
proposal-no-co-sponsors = لا يوجد مشاركون في تقديمه بعد.
proposal-pending-invitations = مدعوون لم يردّوا بعد
proposal-invitation-for-you = { $organisation } مدعوّة إلى المشاركة في تقديم هذا المقترح. وبصفتك صاحب مصلحة معتمداً لديها، يمكنك الرد.
proposal-accept-invitation = المشاركة في التقديم
proposal-decline-invitation = الاعتذار
proposal-invite = دعوة منظمة إلى المشاركة في التقديم
proposal-invite-organisation = المنظمة
proposal-invite-hint = المنظمات المعتمدة في هذه العملية.
proposal-invite-submit = دعوة
proposal-history = النسخ
proposal-compare = المقارنة
proposal-compare-with-previous = الفروق بين النسخة { $version } والنسخة التي سبقتها
proposal-compare-first-last = الفروق بين النسخة الأولى والنسخة الحالية

## مقارنة النسخ
proposal-compare-title = الفروق بين النسخ
proposal-compare-from = من
proposal-compare-to = إلى
proposal-compare-submit = مقارنة
proposal-compare-legend = الكلمات المضافة مسطَّر تحتها، والكلمات المحذوفة مشطوبة.
proposal-compare-same = هاتان النسختان متطابقتان.
proposal-compare-unchanged = لم يتغير:
proposal-diff-added = مضاف
proposal-diff-removed = محذوف

## الإشعارات بعد إعادة التوجيه
notice-proposal-draft-saved = حُفظت مسودتك. لا يراها أحد غيرك.
notice-proposal-window-closed = أُغلقت فترة التقييم، فتعذّر تقديم مقترحك. لم يضع شيء: نصك محفوظ هنا مسودةً.
notice-proposal-session-expired = انتهت جلستك، فلم يُقدَّم مقترحك. لم يضع شيء: نصك محفوظ مسودةً لك. سجّل الدخول للمتابعة.
notice-proposal-submitted = قُدِّم مقترحك. رقمه المرجعي أدناه.
notice-proposal-version-submitted = قُدِّمت نسختك الجديدة.
notice-proposal-withdrawn = سُحب المقترح.
notice-proposal-invited = دُعيت المنظمة إلى المشاركة في تقديم هذا المقترح.
notice-proposal-co-sponsored = أصبحت منظمتك مشاركة في تقديم هذا المقترح.
notice-proposal-declined = اعتذرت عن الدعوة.
proposals-count-more = المقترحات التي وُجدت: أكثر من { $count }
