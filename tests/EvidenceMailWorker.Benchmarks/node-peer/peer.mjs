// node peer.mjs HOST PORT USER PASSWORD FOLDER OUTDIR
// What a developer would write to pull a backlog out of IMAP: one streaming fetch of every
// message's source, mailparser on each, its attachments written to OUTDIR/<uid>/.
// Prints one JSON line: {"messages","bytes","attachments","seconds"}.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

const [host, port, user, pass, folder = 'INBOX', outDir = 'out'] = process.argv.slice(2);
if (!host || !port || !user || !pass) {
    console.error('usage: node peer.mjs HOST PORT USER PASSWORD [FOLDER] [OUTDIR]');
    process.exit(2);
}

// Names come from the sender: keep only the last path segment so a file never lands outside its folder.
const safeName = (name, index) => {
    const base = path.basename(name || '').replace(/[\0/\\]/g, '_');
    return `${index}-${base && base !== '.' && base !== '..' ? base : 'attachment'}`;
};

const started = process.hrtime.bigint();
const client = new ImapFlow({ host, port: Number(port), secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
await client.connect();

let messages = 0;
let bytes = 0;
let attachments = 0;
const lock = await client.getMailboxLock(folder);
try {
    for await (const message of client.fetch('1:*', { source: true, uid: true })) {
        messages++;
        bytes += message.source.length;
        const parsed = await simpleParser(message.source);
        const dir = path.join(outDir, String(message.uid));
        await mkdir(dir, { recursive: true });
        for (const [i, attachment] of parsed.attachments.entries()) {
            await writeFile(path.join(dir, safeName(attachment.filename, i)), attachment.content);
            attachments++;
        }
    }
} finally {
    lock.release();
}
await client.logout();

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ messages, bytes, attachments, seconds }));
