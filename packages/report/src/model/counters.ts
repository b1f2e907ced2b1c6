import type { CountersSnapshot, LinkCounters } from '@faultline/transport';
import type { CountersModel, LinkRow } from './report-model.ts';

const row = (link: string, c: LinkCounters): LinkRow => ({
  link, sent: c.sent, delivered: c.delivered, dropped: c.dropped, duplicated: c.duplicated, delayed: c.delayed, dropReasons: c.dropReasons,
});

/** A named counters snapshot as table rows, links in order. */
export function countersModel(name: string, snapshot: CountersSnapshot, messagesPerOp: number | undefined): CountersModel {
  return {
    name,
    links: Object.entries(snapshot.links).map(([link, c]) => row(link, c)),
    total: row('all links', snapshot.total),
    ...(messagesPerOp === undefined ? {} : { messagesPerOp }),
  };
}
