//! The wallet's commands, as every front end that calls by name sees them: each is a wallet-app method
//! marked by `#[commands]` on its impl block, registered there, and found here by name. The desktop
//! window calls them through `call`; `typescript_client` writes the window's typed functions for them
//! (ui/src/lib/ipc/commands.ts). Adding a command is writing the method; nothing else by hand.

use std::future::Future;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{ApiError, ApiResult, Wallet};

pub use command_macro::commands;

/// What a command answers, on its way: its JSON, or the error the window branches on.
pub type Answer<'wallet> = Pin<Box<dyn Future<Output = ApiResult<Value>> + Send + 'wallet>>;

/// One command, registered by `#[commands]` beside the method it calls.
pub struct CommandDef {
    /// The method's name, which the window invokes (`list_accounts`).
    pub name: &'static str,
    /// Reads the arguments (a JSON object, camelCase keys) and calls the method.
    pub call: for<'wallet> fn(&'wallet Wallet, Value) -> Answer<'wallet>,
    /// Its TypeScript signature, for the generated client.
    pub ts: fn() -> TsCommand,
}

inventory::collect!(CommandDef);

/// The part of the wallet a command's method belongs to (crate::parts), got from the wallet through the
/// lock's gate: a command of any part but the lock's own is refused while Purse is locked.
pub trait Part {
    fn of(wallet: &Wallet) -> ApiResult<&Self>;
}

/// A command's TypeScript signature: its name, its doc, its arguments (key, type) and what it answers.
pub struct TsCommand {
    /// What the window calls it: `listAccounts` for `list_accounts`.
    pub function: &'static str,
    pub doc: &'static str,
    pub arguments: Vec<(&'static str, String)>,
    pub answer: String,
}

/// Every command, by name.
pub fn all() -> Vec<&'static CommandDef> {
    let mut all: Vec<_> = inventory::iter::<CommandDef>.into_iter().collect();
    all.sort_by_key(|command| command.name);
    all
}

/// The command of this name, if the wallet has one (the desktop's own commands are not here).
pub fn find(name: &str) -> Option<&'static CommandDef> {
    inventory::iter::<CommandDef>
        .into_iter()
        .find(|command| command.name == name)
}

/// Calls the command `name` with the window's arguments; `None` when it is not a wallet command.
/// The lock's gate is passed on the way to the command's part (`Part::of`).
pub fn call<'wallet>(
    wallet: &'wallet Wallet,
    name: &str,
    arguments: Value,
) -> Option<Answer<'wallet>> {
    find(name).map(|command| (command.call)(wallet, arguments))
}

/// The arguments a command was sent, taken one by one by name.
pub struct Arguments {
    command: &'static str,
    values: Map<String, Value>,
}

impl Arguments {
    /// A command's arguments are a JSON object (or nothing, for one that takes none).
    pub fn of(command: &'static str, arguments: Value) -> ApiResult<Self> {
        let values = match arguments {
            Value::Object(values) => values,
            Value::Null => Map::new(),
            _ => {
                return Err(ApiError::invalid(format!(
                    "{command} takes its arguments by name (a JSON object)."
                )));
            }
        };
        Ok(Self { command, values })
    }

    /// The argument sent under `key`, read as `T` (a missing one as JSON null, so an `Option` may be
    /// left out). A wrong one names itself, never its value: it may be a PIN.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> ApiResult<T> {
        let value = self.values.remove(key).unwrap_or(Value::Null);
        serde_json::from_value(value).map_err(|_| {
            ApiError::invalid(format!(
                "The argument `{key}` sent to {} is missing or not what it takes.",
                self.command
            ))
        })
    }
}

/// A command's answer as JSON.
pub fn to_json<T: Serialize>(answer: T) -> ApiResult<Value> {
    serde_json::to_value(answer).map_err(|error| {
        tracing::error!(%error, "a command's answer could not be written as JSON");
        ApiError::new(crate::ErrorCode::Internal, "The answer could not be sent.")
    })
}

/// `T[]`, with `(A | null)[]` for an item type that is a union.
pub fn ts_list(item: String) -> String {
    if item.contains(' ') {
        format!("({item})[]")
    } else {
        format!("{item}[]")
    }
}

/// ui/src/lib/ipc/commands.ts: one typed function per command, named as the window calls it
/// (`listAccounts` for `list_accounts`), with the method's doc.
pub fn typescript_client() -> String {
    let commands: Vec<_> = all().into_iter().map(|c| (c.name, (c.ts)())).collect();
    let mut types: Vec<String> = commands
        .iter()
        .flat_map(|(_, ts)| {
            ts.arguments
                .iter()
                .map(|(_, ty)| ty.as_str())
                .chain([ts.answer.as_str()])
        })
        .flat_map(type_names)
        .collect();
    types.sort();
    types.dedup();
    let mut file = String::from(
        "// Generated from the wallet-app methods marked #[commands] (crates/wallet-app/src/commands.rs).\n\
         // Do not edit by hand: run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test commands`.\n\
         import { invoke } from './invoke';\n",
    );
    if !types.is_empty() {
        file.push_str(&format!(
            "import type {{ {} }} from './bindings';\n",
            types.join(", ")
        ));
    }
    for (name, ts) in &commands {
        file.push('\n');
        file.push_str(&ts_function(name, ts));
    }
    file
}

fn ts_function(name: &str, ts: &TsCommand) -> String {
    let mut out = String::new();
    if !ts.doc.is_empty() {
        out.push_str("/**\n");
        for line in ts.doc.lines() {
            out.push_str(format!(" * {line}").trim_end());
            out.push('\n');
        }
        out.push_str(" */\n");
    }
    let parameters: Vec<String> = ts
        .arguments
        .iter()
        .map(|(key, ty)| format!("{key}: {ty}"))
        .collect();
    let keys: Vec<&str> = ts.arguments.iter().map(|(key, _)| *key).collect();
    let sent = if keys.is_empty() {
        String::new()
    } else {
        format!(", {{ {} }}", keys.join(", "))
    };
    out.push_str(&format!(
        "export const {} = ({}): Promise<{answer}> =>\n  invoke<{answer}>('{name}'{sent});\n",
        ts.function,
        parameters.join(", "),
        answer = ts.answer,
    ));
    out
}

/// The bindings' names in a TypeScript type (`Payment[] | null` → `Payment`).
fn type_names(ty: &str) -> Vec<String> {
    ty.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|word| !word.is_empty())
        .filter(|word| !matches!(*word, "string" | "number" | "boolean" | "null"))
        .map(str::to_string)
        .collect()
}
