/** Shows 「系统繁忙，请稍后重试」 when the server refuses a request past its capacity (HTTP 503); one notice at a time. */
import { App } from 'antd';
import { useEffect } from 'react';
import { onBusy } from '../api/client';

export function BusyNotice() {
  const { message } = App.useApp();
  useEffect(() => onBusy((text) => void message.warning({ content: text, key: 'server-busy', duration: 4 })), [message]);
  return null;
}
