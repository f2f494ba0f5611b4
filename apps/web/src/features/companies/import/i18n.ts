/** The company CSV import wizard and the export menu. Every key exists in both languages (tested). */
export const companyImport = {
  ja: {
    title: 'CSV 取り込み',
    intro:
      '企業台帳に CSV ファイルを取り込みます。国税庁の法人番号データ（全件・差分）、Banso から書き出した CSV、その他のシステムの CSV（列の対応付けが必要）を読み込めます。法人番号または ID が一致する企業は更新され、重複して登録されることはありません。',
    steps: {
      label: '取り込みの手順',
      file: 'ファイル選択',
      mapping: '列の対応付け',
      check: '検証',
      import: '取り込み',
    },
    file: {
      label: 'CSV ファイル',
      description: 'UTF-8 または Shift_JIS（CP932）、200 MB まで',
      placeholder: 'ファイルを選択…',
      clear: 'ファイルの選択を解除',
      tooLarge: 'ファイルが大きすぎます（{{size}}）。200 MB までのファイルを選んでください。',
      reading: 'ファイルを読み込んでいます…',
      readFailed: 'ファイルを読み込めませんでした。',
      empty: 'ファイルにデータがありません。',
      encoding: '文字コード',
      encodingDescription: '自動判定: {{encoding}}。文字化けする場合は切り替えてください。',
      format: '形式',
      formats: {
        nta: '国税庁 法人番号データ（30 列・見出し行なし）',
        banso: 'Banso 形式（見出し行あり）',
        other: 'その他の形式（列の対応付けが必要）',
      },
      size: '{{size}}・{{lines}} 行',
      previewTitle: '先頭 {{count}} 行のプレビュー',
      column: '列 {{n}}',
      lineHeader: 'No.',
      replacement:
        '読めない文字（�）があります。文字コードが正しいか確認してください（Excel の CSV は多くが Shift_JIS です）。',
      next: '次へ',
    },
    mapping: {
      intro:
        'このファイルの列が企業台帳のどの項目にあたるかを選んでください。「名称」は必須です。見出しから推定した列をあらかじめ選んであります。',
      none: '（取り込まない）',
      nameMissing: '「名称」にあたる列を選んでください。',
      next: '次へ',
    },
    check: {
      intro: 'まず検証だけを行います（企業台帳は変更しません）。誤りは行番号と項目で示します。',
      mode: '取り込み方法',
      modes: {
        atomic: 'すべて取り込むか、何も取り込まない（誤りが 1 件でもあれば中止）',
        batches: '誤りのある行を飛ばして、正しい行だけ取り込む',
      },
      municipality: '地域で絞り込む（任意）',
      municipalityDescription:
        '都道府県コード 2 桁、または市区町村コード 5〜6 桁。ほかの地域の法人は取り込みません。',
      run: '検証する',
      running: '検証しています…',
      summary: '検証結果',
      counts: {
        rowsRead: '読み込んだ行',
        inserted: '新規登録',
        updated: '更新',
        unchanged: '変更なし',
        skipped: '対象外・誤り',
      },
      noErrors: '誤りはありません。',
      errorsTitle: '誤りのある行（{{count}} 件）',
      errorsShown: '先頭 {{shown}} 件を表示しています（全 {{count}} 件）。',
      errorsCaption: '誤りのある行の一覧',
      line: '行',
      field: '項目',
      message: '内容',
      wholeFile: 'ファイル全体',
      wholeRow: '行全体',
      atomicBlocked:
        '誤りがあるため、この方法では何も取り込めません。ファイルを直して選び直すか、「誤りのある行を飛ばして、正しい行だけ取り込む」を選んで検証し直してください。',
      fileBlocked: 'ファイル全体に関わる誤りがあるため、取り込めません。',
      batchesNote: '誤りのある {{count}} 行は取り込まれません。',
      next: '取り込む',
    },
    confirm: {
      title: '取り込みを開始しますか？',
      body: '{{inserted}} 件を新規登録し、既存の {{updated}} 件を更新します。',
      skipped: '誤りのある {{count}} 行は飛ばします。',
      audit: '変更はすべて履歴に残ります。',
      start: '取り込みを開始',
    },
    progress: {
      label: '取り込みの進み具合',
      uploading: 'ファイルを送信しています…',
      validate: '検証中: {{line}} / {{total}} 行',
      write: '登録中: {{line}} / {{total}} 行まで書き込み済み',
      counts: '新規 {{inserted}}・更新 {{updated}}・変更なし {{unchanged}}・対象外 {{skipped}}',
      keepOpen:
        '取り込みはサーバーで進みます。このページを閉じても止まりません（結果は企業台帳で確かめられます）。',
    },
    cancelled: {
      title: '取り込みを中止しました',
      kept: '{{line}} 行目までに書き込んだ分（新規 {{inserted}} 件・更新 {{updated}} 件）は企業台帳に残っています。',
      nothing: '企業台帳には何も書き込まれていません。',
    },
    result: {
      done: '取り込みが完了しました',
      summary:
        '{{rowsRead}} 行を読み込み、新規 {{inserted}} 件・更新 {{updated}} 件・変更なし {{unchanged}} 件・対象外 {{skipped}} 件でした。',
      skippedErrors: '誤りのある {{count}} 行は取り込んでいません。',
      rejected: '取り込めませんでした。企業台帳は変更していません。',
      toList: '企業台帳を見る',
      another: '別のファイルを取り込む',
    },
    failure: {
      title: 'サーバーとの接続が切れました',
      notStarted:
        '書き込みは始まっていませんでした。企業台帳は変更されていません。もう一度取り込んでください。',
      record:
        '取り込み記録 {{id}}: 状態「{{status}}」。ファイルの {{line}} 行目までを登録済みです（新規 {{inserted}} 件・更新 {{updated}} 件）。',
      statuses: {
        running: '処理中',
        interrupted: '中断',
        failed: '失敗',
        completed: '完了',
        rejected: '取り込み不可',
      },
      resumeHint:
        '「続きから取り込む」を押すと、同じファイルの {{line}} 行目より後だけを取り込みます。登録済みの企業が重複することはありません。',
      runningHint:
        'サーバーはまだ処理を終えていません。少し待ってから「状況を確認」を押してください。',
      recordUnavailable:
        '取り込み記録を確認できませんでした。ネットワークを確認して「状況を確認」を押してください。',
      resume: '続きから取り込む',
      refresh: '状況を確認',
      retry: 'もう一度取り込む',
    },
    leave: {
      title: '取り込みの画面を離れますか？',
      body: '取り込みはサーバーで続きます。このページを離れると、進み具合と結果はここに表示されなくなります。',
      stay: 'このページに留まる',
      leave: '移動する',
    },
    errorTitle: '取り込めませんでした',
    export: {
      button: 'CSV 書き出し',
      utf8: 'UTF-8（BOM 付き・Excel 向け）',
      sjis: 'Shift_JIS',
      sjisNote:
        'Shift_JIS にない文字は置き換えます（〜 → ～、− → －、¥ → ￥ など。表せない文字は 〓）。',
      allCompanies: '企業台帳のすべての企業を書き出します。',
      started:
        '書き出しを開始しました。企業の数が多いと、ダウンロードが始まるまで少し時間がかかります（Shift_JIS は特に）。',
    },
  },
  en: {
    title: 'CSV import',
    intro:
      'Load a CSV file into the company registry: the National Tax Agency corporate-number data (full or changes), a CSV exported from Banso, or another system’s CSV (needs a column mapping). Companies with the same corporate number or ID are updated, never registered twice.',
    steps: {
      label: 'Import steps',
      file: 'Choose file',
      mapping: 'Map columns',
      check: 'Check',
      import: 'Import',
    },
    file: {
      label: 'CSV file',
      description: 'UTF-8 or Shift_JIS (CP932), up to 200 MB',
      placeholder: 'Choose a file…',
      clear: 'Clear the chosen file',
      tooLarge: 'The file is too large ({{size}}). Choose a file of at most 200 MB.',
      reading: 'Reading the file…',
      readFailed: 'The file could not be read.',
      empty: 'The file has no data.',
      encoding: 'Encoding',
      encodingDescription: 'Detected: {{encoding}}. Switch it if the text looks garbled.',
      format: 'Format',
      formats: {
        nta: 'National Tax Agency corporate-number data (30 columns, no header)',
        banso: 'Banso format (header row)',
        other: 'Other format (needs a column mapping)',
      },
      size: '{{size}} · {{lines}} lines',
      previewTitle: 'Preview of the first {{count}} rows',
      column: 'Column {{n}}',
      lineHeader: 'No.',
      replacement:
        'Some characters cannot be read (�). Check the encoding (CSV files from Excel are usually Shift_JIS).',
      next: 'Next',
    },
    mapping: {
      intro:
        'Choose which column of this file holds each registry field. 名称 (name) is required. Columns whose header matches are already chosen.',
      none: '(not imported)',
      nameMissing: 'Choose the column that holds 名称 (the name).',
      next: 'Next',
    },
    check: {
      intro:
        'First, the file is only checked (the registry is not changed). Errors are shown by line and field.',
      mode: 'How to import',
      modes: {
        atomic: 'All or nothing (stop if any row has an error)',
        batches: 'Skip rows with errors and import the others',
      },
      municipality: 'Only one region (optional)',
      municipalityDescription:
        '2-digit prefecture code or 5–6-digit municipality code. Corporations elsewhere are skipped.',
      run: 'Check',
      running: 'Checking…',
      summary: 'Check result',
      counts: {
        rowsRead: 'Rows read',
        inserted: 'New',
        updated: 'Updated',
        unchanged: 'Unchanged',
        skipped: 'Skipped or invalid',
      },
      noErrors: 'No errors.',
      errorsTitle: 'Rows with errors ({{count}})',
      errorsShown: 'Showing the first {{shown}} of {{count}}.',
      errorsCaption: 'Rows with errors',
      line: 'Line',
      field: 'Field',
      message: 'Problem',
      wholeFile: 'whole file',
      wholeRow: 'whole row',
      atomicBlocked:
        'Because of the errors nothing can be imported this way. Fix the file and choose it again, or choose “Skip rows with errors” and check again.',
      fileBlocked: 'The file has an error that affects all of it, so it cannot be imported.',
      batchesNote: 'The {{count}} rows with errors will not be imported.',
      next: 'Import',
    },
    confirm: {
      title: 'Start the import?',
      body: '{{inserted}} companies will be added and {{updated}} existing companies updated.',
      skipped: 'The {{count}} rows with errors will be skipped.',
      audit: 'Every change is kept in the history.',
      start: 'Start import',
    },
    progress: {
      label: 'Import progress',
      uploading: 'Sending the file…',
      validate: 'Checking: line {{line}} of {{total}}',
      write: 'Writing: committed up to line {{line}} of {{total}}',
      counts:
        'New {{inserted}} · updated {{updated}} · unchanged {{unchanged}} · skipped {{skipped}}',
      keepOpen:
        'The import runs on the server: closing this page does not stop it (check the result in the company registry).',
    },
    cancelled: {
      title: 'Import cancelled',
      kept: 'What was written up to line {{line}} ({{inserted}} new, {{updated}} updated) stays in the company registry.',
      nothing: 'Nothing was written to the company registry.',
    },
    result: {
      done: 'Import complete',
      summary:
        '{{rowsRead}} rows read: {{inserted}} new, {{updated}} updated, {{unchanged}} unchanged, {{skipped}} skipped.',
      skippedErrors: 'The {{count}} rows with errors were not imported.',
      rejected: 'Nothing was imported. The registry is unchanged.',
      toList: 'Open the company registry',
      another: 'Import another file',
    },
    failure: {
      title: 'The connection to the server was lost',
      notStarted: 'Writing had not started. The registry is unchanged. Import the file again.',
      record:
        'Import record {{id}}: status “{{status}}”. Rows up to line {{line}} of the file are committed ({{inserted}} new, {{updated}} updated).',
      statuses: {
        running: 'running',
        interrupted: 'interrupted',
        failed: 'failed',
        completed: 'completed',
        rejected: 'rejected',
      },
      resumeHint:
        '“Resume” imports only the lines after line {{line}} of the same file. Companies already written are not duplicated.',
      runningHint: 'The server has not finished yet. Wait a moment, then press “Check status”.',
      recordUnavailable:
        'The import record could not be read. Check the network, then press “Check status”.',
      resume: 'Resume',
      refresh: 'Check status',
      retry: 'Import again',
    },
    leave: {
      title: 'Leave the import page?',
      body: 'The import goes on on the server. If you leave this page, its progress and result are no longer shown here.',
      stay: 'Stay on this page',
      leave: 'Leave',
    },
    errorTitle: 'The file could not be imported',
    export: {
      button: 'Export CSV',
      utf8: 'UTF-8 (with BOM, for Excel)',
      sjis: 'Shift_JIS',
      sjisNote:
        'Characters Shift_JIS lacks are replaced (〜 → ～, − → －, ¥ → ￥ …; characters with no Shift_JIS form become 〓).',
      allCompanies: 'Exports every company of the registry.',
      started:
        'The export has started. With many companies the download can take a while to begin (Shift_JIS especially).',
    },
  },
} as const;
