/** Background jobs as pages show them (cancel). Every key exists in both languages (tested). */
export const jobs = {
  ja: {
    progress: {
      label: '処理の進み具合',
      sending: 'ファイルを送信しています…',
      queued: '処理の順番を待っています…',
      running: 'サーバーで処理しています…',
      keepOpen: '処理はサーバーで進みます。このページを閉じても止まりません。',
    },
    cancel: {
      button: '中止',
      title: '処理を中止しますか？',
      body: 'サーバーで進んでいる処理を中止します。既に書き込まれた分はそのまま残ります。',
      confirm: '中止する',
      keep: '続ける',
      requested: '中止しています…',
      failed: '中止できませんでした。',
    },
  },
  en: {
    progress: {
      label: 'Progress',
      sending: 'Sending the file…',
      queued: 'Waiting for its turn…',
      running: 'Working on the server…',
      keepOpen: 'The work runs on the server: closing this page does not stop it.',
    },
    cancel: {
      button: 'Cancel',
      title: 'Cancel this job?',
      body: 'The work running on the server stops. What it has already written stays.',
      confirm: 'Cancel the job',
      keep: 'Keep running',
      requested: 'Cancelling…',
      failed: 'The job could not be cancelled.',
    },
  },
};
