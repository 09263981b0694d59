import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';

/**
 * Calendar apps poll a feed: its own ETag (Express's automatic ones are off) lets an unchanged poll end in 304.
 */
export function sendCalendar(req: Request, res: Response, ics: string): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.setHeader('ETag', `"${createHash('sha256').update(ics).digest('base64url')}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(ics);
}
