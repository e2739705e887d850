// Preloaded into dynalite: exit when the JVM that started us goes away (its end of our stdin pipe closes),
// so a killed JVM leaves no server behind.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
