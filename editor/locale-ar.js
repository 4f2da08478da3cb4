// Decap CMS's interface in Arabic: every key of its English locale
// (node_modules/decap-cms-locales/src/en/index.js), the same structure and the same
// %{placeholders}; Decap 3.x ships no Arabic. Loaded after Decap's bundle and before
// newsroom-cms.js, which chooses the interface's language and starts the editor.
// tests/js/editor-locale.test.mjs holds it to Decap's English, key for key.
//
// Words: the same as the authoring guide (docs/authoring.ar.md): «إدخال» for an entry (one
// article in both languages), «الرابط» for a web address, «مسودة» / «قيد المراجعة» /
// «جاهز للنشر» for the editorial workflow's columns, «نشر» and «حفظ» for its buttons.
// Plurals (the phrases with ||||): Polyglot's Arabic rule has six forms, for 0, 1, 2, 3–10,
// 11–99 and 100 and above; a phrase written without |||| reads correctly for any count.
(function () {
  "use strict";

  const ar = {
    auth: {
      login: "تسجيل الدخول",
      loggingIn: "جارٍ تسجيل الدخول…",
      loginWithNetlifyIdentity: "تسجيل الدخول عبر Netlify Identity",
      loginWithAzure: "تسجيل الدخول بحساب Azure",
      loginWithBitbucket: "تسجيل الدخول بحساب Bitbucket",
      loginWithGitHub: "تسجيل الدخول بحساب GitHub",
      loginWithGitLab: "تسجيل الدخول بحساب GitLab",
      loginWithGitea: "تسجيل الدخول بحساب Gitea",
      loginWithForgejo: "تسجيل الدخول بحساب Forgejo",
      errors: {
        email: "يُرجى كتابة البريد الإلكتروني.",
        password: "يُرجى كتابة كلمة المرور.",
        identitySettings:
          "تعذّر الوصول إلى إعدادات الهوية. إذا كانت الخلفية git-gateway فتأكّد من تفعيل خدمتي Identity وGit Gateway.",
      },
    },
    app: {
      header: {
        content: "المحتوى",
        workflow: "سير العمل",
        media: "الوسائط",
        quickAdd: "إضافة سريعة",
      },
      app: {
        errorHeader: "تعذّر تحميل إعدادات المحرر",
        configErrors: "أخطاء في الإعدادات",
        checkConfigYml: "راجِع ملف الإعدادات (config.yml).",
        loadingConfig: "جارٍ تحميل الإعدادات…",
        waitingBackend: "بانتظار الخادم…",
      },
      notFoundPage: {
        header: "الصفحة غير موجودة",
      },
    },
    collection: {
      sidebar: {
        collections: "الأقسام",
        allCollections: "كل الأقسام",
        searchAll: "البحث في كل الأقسام",
        searchIn: "البحث في",
      },
      collectionTop: {
        sortBy: "الترتيب حسب",
        viewAs: "طريقة العرض",
        viewAsList: "العرض قائمةً",
        viewAsGrid: "العرض شبكةً",
        newButton: "+ إضافة %{collectionLabel}",
        newButtonAriaLabel: "إنشاء إدخال من نوع «%{collectionLabel}»",
        ascending: "تصاعدي",
        descending: "تنازلي",
        searchResults: "نتائج البحث عن «%{searchTerm}»",
        searchResultsInCollection: "نتائج البحث عن «%{searchTerm}» في %{collection}",
        filterBy: "التصفية حسب",
        groupBy: "التجميع حسب",
      },
      entries: {
        loadingEntries: "جارٍ تحميل الإدخالات…",
        cachingEntries: "جارٍ تجهيز الإدخالات…",
        longerLoading: "قد يستغرق ذلك بضع دقائق",
        noEntries: "لا توجد إدخالات",
        unpublishedHeader: "إدخالات غير منشورة",
      },
      groups: {
        other: "أخرى",
        negateLabel: "غير %{label}",
      },
      defaultFields: {
        author: {
          label: "الكاتب",
        },
        updatedOn: {
          label: "آخر تحديث",
        },
      },
    },
    editor: {
      editorControl: {
        field: {
          optional: "اختياري",
          widgetLabel: "حقل %{widgetLabel}",
        },
      },
      editorControlPane: {
        widget: {
          required: "حقل «%{fieldLabel}» مطلوب.",
          regexPattern: "قيمة «%{fieldLabel}» لا تطابق الشكل المطلوب: %{pattern}.",
          processing: "جارٍ تجهيز «%{fieldLabel}».",
          range: "يجب أن تكون قيمة «%{fieldLabel}» بين %{minValue} و%{maxValue}.",
          min: "يجب ألا تقل قيمة «%{fieldLabel}» عن %{minValue}.",
          max: "يجب ألا تزيد قيمة «%{fieldLabel}» على %{maxValue}.",
          rangeCount: "يجب أن يضم «%{fieldLabel}» من %{minCount} إلى %{maxCount} من العناصر.",
          rangeCountExact: "يجب أن يضم «%{fieldLabel}» %{count} من العناصر بالضبط.",
          rangeMin: "يجب أن يضم «%{fieldLabel}» %{minCount} من العناصر على الأقل.",
          rangeMax: "يجب ألا يضم «%{fieldLabel}» أكثر من %{maxCount} من العناصر.",
          invalidPath: "المسار «%{path}» غير صالح",
          pathExists: "المسار «%{path}» موجود من قبل",
        },
        i18n: {
          writingInLocale: "الكتابة بلغة: %{locale}",
          copyFromLocale: "الملء من اللغة الأخرى",
          copyFromLocaleConfirm: "هل تريد ملء الحقول بما كُتب في لغة %{locale}؟\nسيُستبدل كل ما كُتب هنا.",
        },
      },
      editor: {
        onLeavePage: "هل تريد مغادرة هذه الصفحة؟",
        onUpdatingWithUnsavedChanges: "لديك تعديلات غير محفوظة، فاحفظها قبل تغيير الحالة.",
        onPublishingNotReady: "غيّر الحالة إلى «جاهز للنشر» قبل النشر.",
        onPublishingWithUnsavedChanges: "لديك تعديلات غير محفوظة، فاحفظها قبل النشر.",
        onPublishing: "هل تريد نشر هذا الإدخال؟",
        onUnpublishing: "هل تريد إلغاء نشر هذا الإدخال؟",
        onDeleteWithUnsavedChanges:
          "هل تريد حذف هذا الإدخال المنشور، ومعه تعديلاتك غير المحفوظة في هذه الجلسة؟",
        onDeletePublishedEntry: "هل تريد حذف هذا الإدخال المنشور؟",
        onDeleteUnpublishedChangesWithUnsavedChanges:
          "سيُحذف كل تعديل غير منشور على هذا الإدخال، ومعه تعديلاتك غير المحفوظة في هذه الجلسة. هل تريد الحذف؟",
        onDeleteUnpublishedChanges: "سيُحذف كل تعديل غير منشور على هذا الإدخال. هل تريد الحذف؟",
        loadingEntry: "جارٍ تحميل الإدخال…",
        confirmLoadBackup: "وُجدت نسخة احتياطية محفوظة في هذا المتصفح لهذا الإدخال، فهل تريد استعادتها؟",
      },
      editorInterface: {
        toggleI18n: "إظهار اللغة الأخرى أو إخفاؤها",
        togglePreview: "إظهار المعاينة أو إخفاؤها",
        toggleScrollSync: "مزامنة التمرير",
        toggleNotes: "إظهار الملاحظات أو إخفاؤها",
      },
      editorNotesPane: {
        title: "الملاحظات",
        emptyState: "لا توجد ملاحظات بعد. اكتب أول ملاحظة أدناه ليطّلع عليها زملاؤك.",
        addNote: "إضافة ملاحظة",
        addPlaceholder: "اكتب ملاحظة…",
        editPlaceholder: "عدّل ملاحظتك…",
        save: "حفظ",
        cancel: "إلغاء",
        edit: "تعديل",
        delete: "حذف",
        resolve: "إغلاق",
        unresolve: "إعادة فتح",
        confirmDelete: "هل تريد حذف هذه الملاحظة؟",
        shortcut: "تلميح: اضغط Ctrl+Enter لإضافة الملاحظة بسرعة",
      },
      editorToolbar: {
        publishing: "جارٍ النشر…",
        publish: "نشر",
        published: "منشور",
        unpublish: "إلغاء النشر",
        duplicate: "إنشاء نسخة",
        unpublishing: "جارٍ إلغاء النشر…",
        publishAndCreateNew: "نشر وإضافة إدخال جديد",
        publishAndDuplicate: "نشر وإنشاء نسخة",
        deleteUnpublishedChanges: "حذف التعديلات غير المنشورة",
        deleteUnpublishedEntry: "حذف الإدخال غير المنشور",
        deletePublishedEntry: "حذف الإدخال المنشور",
        deleteEntry: "حذف الإدخال",
        saving: "جارٍ الحفظ…",
        save: "حفظ",
        statusInfoTooltipDraft:
          "هذا الإدخال مسودة. حين يكتمل غيّر حالته إلى «قيد المراجعة» ليُقدَّم للمراجعة.",
        statusInfoTooltipInReview:
          "هذا الإدخال قيد المراجعة، ولا يلزمك شيء آخر. ويمكنك مع ذلك مواصلة التعديل عليه في أثناء مراجعته.",
        deleting: "جارٍ الحذف…",
        updating: "جارٍ التحديث…",
        status: "الحالة: %{status}",
        backCollection: " الكتابة في قسم %{collectionLabel}",
        unsavedChanges: "تعديلات غير محفوظة",
        changesSaved: "حُفظت التعديلات",
        draft: "مسودة",
        inReview: "قيد المراجعة",
        ready: "جاهز للنشر",
        publishNow: "انشر الآن",
        deployPreviewPendingButtonLabel: "البحث عن معاينة",
        deployPreviewButtonLabel: "عرض المعاينة",
        deployButtonLabel: "عرض على الموقع",
      },
      editorWidgets: {
        markdown: {
          bold: "غامق",
          italic: "مائل",
          strikethrough: "يتوسطه خط",
          code: "شيفرة",
          link: "رابط",
          linkPrompt: "اكتب الرابط",
          headings: "العناوين",
          quote: "اقتباس",
          bulletedList: "قائمة نقطية",
          numberedList: "قائمة مرقّمة",
          addComponent: "إضافة عنصر",
          richText: "نص منسّق",
          markdown: "صيغة Markdown",
          toggleMode: {
            rich: "التبديل إلى النص المنسّق",
            markdown: "التبديل إلى صيغة Markdown",
          },
        },
        image: {
          choose: "اختيار صورة",
          chooseMultiple: "اختيار صور",
          chooseUrl: "إدراج من رابط",
          replaceUrl: "الاستبدال برابط",
          promptUrl: "اكتب رابط الصورة",
          chooseDifferent: "اختيار صورة أخرى",
          addMore: "إضافة صور أخرى",
          remove: "إزالة الصورة",
          removeAll: "إزالة كل الصور",
        },
        file: {
          choose: "اختيار ملف",
          chooseUrl: "إدراج من رابط",
          chooseMultiple: "اختيار ملفات",
          replaceUrl: "الاستبدال برابط",
          promptUrl: "اكتب رابط الملف",
          chooseDifferent: "اختيار ملف آخر",
          addMore: "إضافة ملفات أخرى",
          remove: "إزالة الملف",
          removeAll: "إزالة كل الملفات",
        },
        unknownControl: {
          noControl: "لا توجد أداة إدخال للنوع «%{widget}».",
        },
        unknownPreview: {
          noPreview: "لا توجد معاينة للنوع «%{widget}».",
        },
        headingOptions: {
          headingOne: "عنوان من المستوى الأول",
          headingTwo: "عنوان من المستوى الثاني",
          headingThree: "عنوان من المستوى الثالث",
          headingFour: "عنوان من المستوى الرابع",
          headingFive: "عنوان من المستوى الخامس",
          headingSix: "عنوان من المستوى السادس",
        },
        datetime: {
          now: "الآن",
          clear: "مسح",
          setToNow: "ضبط «%{fieldLabel}» على الوقت الحالي",
        },
        list: {
          add: "إضافة %{item}",
          addType: "إضافة %{item}",
        },
        object: {
          expand: "توسيع",
          collapse: "طيّ",
        },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: "مسودة",
        copy: "نسخ",
        copyUrl: "نسخ الرابط",
        copyPath: "نسخ المسار",
        copyName: "نسخ الاسم",
        copied: "نُسخ",
      },
      mediaLibrary: {
        onDelete: "هل تريد حذف الملفات المحددة؟",
        fileTooLarge: "الملف كبير جداً.\nلا تُقبل الملفات التي يزيد حجمها على %{size} كيلوبايت.",
      },
      mediaLibraryModal: {
        loading: "جارٍ التحميل…",
        close: "إغلاق",
        noResults: "لا توجد نتائج.",
        noAssetsFound: "لا توجد ملفات.",
        noImagesFound: "لا توجد صور.",
        private: "خاص: ",
        images: "الصور",
        mediaAssets: "الوسائط",
        search: "بحث…",
        uploading: "جارٍ الرفع…",
        upload: "رفع",
        download: "تنزيل",
        deleting: "جارٍ الحذف…",
        deleteSelected: "حذف المحدد",
        chooseSelected: "اختيار المحدد",
      },
    },
    ui: {
      default: {
        goBackToSite: "العودة إلى الموقع",
      },
      errorBoundary: {
        title: "خطأ",
        details: "حدث خطأ، فيُرجى ",
        reportIt: "الإبلاغ عنه في GitHub.",
        detailsHeading: "التفاصيل",
        privacyWarning:
          "يُملأ البلاغ مسبقاً برسالة الخطأ وبيانات تساعد على تتبّعه.\nتحقّق من صحة المعلومات، واحذف أي بيانات حساسة إن وُجدت.",
        recoveredEntry: {
          heading: "مستند مُستعاد",
          warning: "انسخ هذا النص واحفظه في مكان آخر قبل مغادرة الصفحة!",
          copyButtonLabel: "نسخ إلى الحافظة",
        },
      },
      settingsDropdown: {
        logOut: "تسجيل الخروج",
        account: "قائمة خيارات الحساب",
      },
      toast: {
        onFailToLoadEntries: "تعذّر تحميل الإدخال: %{details}",
        onFailToLoadDeployPreview: "تعذّر تحميل المعاينة: %{details}",
        onFailToPersist: "تعذّر حفظ الإدخال: %{details}",
        onFailToDelete: "تعذّر حذف الإدخال: %{details}",
        onFailToUpdateStatus: "تعذّر تغيير الحالة: %{details}",
        missingRequiredField: "بقي حقل مطلوب فارغاً. أكمله ثم احفظ.",
        entrySaved: "حُفظ الإدخال",
        entryPublished: "نُشر الإدخال",
        entryUnpublished: "أُلغي نشر الإدخال",
        onFailToPublishEntry: "تعذّر النشر: %{details}",
        onFailToUnpublishEntry: "تعذّر إلغاء نشر الإدخال: %{details}",
        entryUpdated: "تغيّرت حالة الإدخال",
        onDeleteUnpublishedChanges: "حُذفت التعديلات غير المنشورة",
        noteAdded: "أُضيفت الملاحظة",
        onFailToAddNote: "تعذّرت إضافة الملاحظة: %{details}",
        noteUpdated: "عُدّلت الملاحظة",
        onFailToUpdateNote: "تعذّر تعديل الملاحظة: %{details}",
        noteDeleted: "حُذفت الملاحظة",
        onFailToDeleteNote: "تعذّر حذف الملاحظة: %{details}",
        noteResolved: "أُغلقت الملاحظة",
        noteReopened: "أُعيد فتح الملاحظة",
        onFailToToggleNote: "تعذّر تغيير حالة الملاحظة: %{details}",
        onFailToAuth: "%{details}",
        onLoggedOut: "انتهت جلستك: احفظ نسخة مما كتبته، ثم سجّل الدخول من جديد",
        onBackendDown: "الخادم متوقف عن العمل حالياً. التفاصيل في %{details}",
      },
    },
    workflow: {
      workflow: {
        loading: "جارٍ تحميل إدخالات سير العمل",
        workflowHeading: "سير العمل التحريري",
        newPost: "إدخال جديد",
        description: "بانتظار المراجعة: %{smart_count}، وجاهزة للنشر: %{readyCount}.",
        dateFormat: "D MMMM",
      },
      workflowCard: {
        lastChange: "عدّله %{author} في %{date}",
        lastChangeNoAuthor: "%{date}",
        lastChangeNoDate: "عدّله %{author}",
        deleteChanges: "حذف التعديلات",
        deleteNewEntry: "حذف الإدخال الجديد",
        publishChanges: "نشر التعديلات",
        publishNewEntry: "نشر الإدخال الجديد",
      },
      workflowList: {
        onDeleteEntry: "هل تريد حذف هذا الإدخال؟",
        onPublishingNotReadyEntry:
          "لا يُنشر إلا ما حالته «جاهز للنشر». اسحب البطاقة إلى عمود «جاهز للنشر» ثم انشرها.",
        onPublishEntry: "هل تريد نشر هذا الإدخال؟",
        draftHeader: "مسودات",
        inReviewHeader: "قيد المراجعة",
        readyHeader: "جاهز للنشر",
        // 0 | 1 | 2 | 3–10 | 11–99 | 100 and above
        currentEntries:
          "لا إدخالات |||| إدخال واحد |||| إدخالان |||| %{smart_count} إدخالات |||| %{smart_count} إدخالاً |||| %{smart_count} إدخال",
      },
    },
  };

  window.CMS.registerLocale("ar", ar);
})();
