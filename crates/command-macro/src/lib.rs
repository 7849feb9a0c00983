//! `#[commands]` on a wallet-app `impl` block: each `pub async fn` taking `&self` becomes a command the
//! desktop window can call by the method's name, with its typed TypeScript function generated from the
//! same signature. The block itself is emitted unchanged; beside it go one registration per method
//! (`wallet_app::commands::CommandDef`, collected by `inventory`). Written once, in the method.
//!
//! The generated code names only `crate::commands::…` (wallet-app's registry), `::inventory`, `::ts_rs`
//! and the impl's own self type, reached from the wallet through `crate::commands::Part`: the macro does
//! not know which struct holds the method.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{
    Error, FnArg, GenericArgument, ImplItem, ImplItemFn, ItemImpl, Pat, PathArguments, ReturnType,
    Type, Visibility, parse_macro_input,
};

/// Marks an impl block whose public async `&self` methods are commands. Whether one answers while
/// Purse is locked is its part's to say (`Part::of`: only the lock's own part does).
#[proc_macro_attribute]
pub fn commands(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return Error::new(
            Span::call_site(),
            format!("#[commands] takes no arguments, not `{attr}`"),
        )
        .to_compile_error()
        .into();
    }
    let block = parse_macro_input!(item as ItemImpl);
    let registrations = block
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(method) if is_command(method) => Some(method),
            _ => None,
        })
        .map(|method| registration(&block.self_ty, method))
        .collect::<Result<Vec<_>, Error>>();
    match registrations {
        Ok(registrations) => quote! { #block #(#registrations)* }.into(),
        Err(error) => {
            let compile_error = error.to_compile_error();
            quote! { #block #compile_error }.into()
        }
    }
}

fn is_command(method: &ImplItemFn) -> bool {
    matches!(method.vis, Visibility::Public(_))
        && method.sig.asyncness.is_some()
        && matches!(method.sig.inputs.first(), Some(FnArg::Receiver(receiver)) if receiver.reference.is_some() && receiver.mutability.is_none())
}

/// One argument: its Rust name, the key the window sends it under, the type it is read as, and
/// whether the method takes it by reference.
struct Argument {
    name: syn::Ident,
    key: String,
    read_as: Type,
    by_reference: bool,
}

fn registration(self_ty: &Type, method: &ImplItemFn) -> Result<Tokens, Error> {
    let method_name = &method.sig.ident;
    let command = method_name.to_string();
    let function = camel_case(&command);
    let arguments = method
        .sig
        .inputs
        .iter()
        // The command's arguments are the parameters beside the receiver (`&self`).
        .filter(|input| !matches!(input, FnArg::Receiver(_)))
        .map(argument)
        .collect::<Result<Vec<_>, Error>>()?;
    let answer = answer_type(&method.sig.output)?;

    let reads = arguments.iter().map(|a| {
        let (name, key, read_as) = (&a.name, &a.key, &a.read_as);
        quote! { let #name: #read_as = arguments.take(#key)?; }
    });
    let passes = arguments.iter().map(|a| {
        let name = &a.name;
        if a.by_reference {
            quote! { &#name }
        } else {
            quote! { #name }
        }
    });
    let ts_arguments = arguments
        .iter()
        .map(|a| {
            let key = &a.key;
            let ts = ts_type(&a.read_as)?;
            Ok(quote! { (#key, #ts) })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let ts_answer = ts_type(answer)?;
    let doc = doc_comment(method);
    let call = format_ident!("__call_{}", method_name);
    let ts = format_ident!("__ts_{}", method_name);

    Ok(quote! {
        const _: () = {
            fn #call<'wallet>(
                wallet: &'wallet crate::Wallet,
                arguments: ::serde_json::Value,
            ) -> crate::commands::Answer<'wallet> {
                ::std::boxed::Box::pin(async move {
                    // The lock's gate first: a locked wallet says so, whatever was sent.
                    let part = <#self_ty as crate::commands::Part>::of(wallet)?;
                    let mut arguments = crate::commands::Arguments::of(#command, arguments)?;
                    #(#reads)*
                    crate::commands::to_json(part.#method_name(#(#passes),*).await?)
                })
            }
            fn #ts() -> crate::commands::TsCommand {
                crate::commands::TsCommand {
                    function: #function,
                    doc: #doc,
                    arguments: ::std::vec![#(#ts_arguments),*],
                    answer: #ts_answer,
                }
            }
            ::inventory::submit! {
                crate::commands::CommandDef {
                    name: #command,
                    call: #call,
                    ts: #ts,
                }
            }
        };
    })
}

fn argument(input: &FnArg) -> Result<Argument, Error> {
    let FnArg::Typed(typed) = input else {
        return Err(Error::new(
            input.span(),
            "a command has one `&self` receiver",
        ));
    };
    let Pat::Ident(pattern) = &*typed.pat else {
        return Err(Error::new(
            typed.pat.span(),
            "a command's arguments are plain names (the window sends them by name)",
        ));
    };
    let name = pattern.ident.clone();
    let key = camel_case(&name.to_string());
    let (read_as, by_reference) = match &*typed.ty {
        Type::Reference(reference) => {
            if reference.mutability.is_some() {
                return Err(Error::new(
                    reference.span(),
                    "a command takes no `&mut` argument",
                ));
            }
            (owned(&reference.elem), true)
        }
        other => {
            if contains_reference(other) {
                return Err(Error::new(
                    other.span(),
                    "a command's argument holds no reference inside (take `Option<String>`, not `Option<&str>`)",
                ));
            }
            (other.clone(), false)
        }
    };
    Ok(Argument {
        name,
        key,
        read_as,
        by_reference,
    })
}

/// `str` is read as `String`; any other `T` behind `&T` as itself.
fn owned(ty: &Type) -> Type {
    match ty {
        Type::Path(path) if path.path.is_ident("str") => syn::parse_quote!(::std::string::String),
        other => other.clone(),
    }
}

fn contains_reference(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) => true,
        Type::Path(path) => path.path.segments.iter().any(|segment| {
            generic_types(&segment.arguments)
                .iter()
                .any(|inner| contains_reference(inner))
        }),
        Type::Tuple(tuple) => tuple.elems.iter().any(contains_reference),
        _ => false,
    }
}

fn generic_types(arguments: &PathArguments) -> Vec<&Type> {
    match arguments {
        PathArguments::AngleBracketed(angle) => angle
            .args
            .iter()
            .filter_map(|argument| match argument {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The `T` of `ApiResult<T>` (or `Result<T, ApiError>`).
fn answer_type(output: &ReturnType) -> Result<&Type, Error> {
    let wrong = |span| Error::new(span, "a command answers `ApiResult<T>`");
    let ReturnType::Type(_, ty) = output else {
        return Err(wrong(output.span()));
    };
    let Type::Path(path) = &**ty else {
        return Err(wrong(ty.span()));
    };
    let last = path.path.segments.last().ok_or_else(|| wrong(ty.span()))?;
    if last.ident != "ApiResult" && last.ident != "Result" {
        return Err(wrong(ty.span()));
    }
    generic_types(&last.arguments)
        .into_iter()
        .next()
        .ok_or_else(|| wrong(ty.span()))
}

/// An expression giving the TypeScript type of `ty`, as `bindings.ts` names it: ts-rs names the DTOs;
/// lists, options, `()`, strings, numbers and secrets are spelled here (a secret is its inner value on
/// the wire; a 64-bit integer is a JSON number, which ts-rs would call `bigint`).
fn ts_type(ty: &Type) -> Result<Tokens, Error> {
    match ty {
        Type::Tuple(tuple) if tuple.elems.is_empty() => {
            Ok(quote! { ::std::string::String::from("null") })
        }
        Type::Reference(reference) => ts_type(&owned(&reference.elem)),
        Type::Path(path) => {
            let last = path
                .path
                .segments
                .last()
                .ok_or_else(|| Error::new(ty.span(), "an empty type path"))?;
            let inner = generic_types(&last.arguments);
            let ident = last.ident.to_string();
            match (ident.as_str(), inner.as_slice()) {
                ("Vec", [item]) => {
                    let item = ts_type(item)?;
                    Ok(quote! { crate::commands::ts_list(#item) })
                }
                ("Option", [value]) => {
                    let value = ts_type(value)?;
                    Ok(quote! { ::std::format!("{} | null", #value) })
                }
                ("Secret" | "Sensitive", [value]) => ts_type(value),
                ("String" | "str", []) => Ok(quote! { ::std::string::String::from("string") }),
                ("bool", []) => Ok(quote! { ::std::string::String::from("boolean") }),
                (
                    "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize",
                    [],
                ) => Ok(quote! { ::std::string::String::from("number") }),
                _ => Ok(quote! { <#ty as ::ts_rs::TS>::name() }),
            }
        }
        other => Err(Error::new(
            other.span(),
            "a command's argument or answer is a named type, a list, an option or `()`",
        )),
    }
}

/// The method's `///` lines, joined as written.
fn doc_comment(method: &ImplItemFn) -> String {
    method
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(pair) => match &pair.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => Some(text.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// `account_id` → `accountId`: the key Tauri's `invoke` sends an argument under, and the TypeScript
/// name of a command (`list_accounts` → `listAccounts`).
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn an_argument_is_sent_under_its_camel_case_name_as_tauri_does() {
        assert_eq!(camel_case("account_id"), "accountId");
        assert_eq!(camel_case("image_base64"), "imageBase64");
        assert_eq!(camel_case("query"), "query");
        assert_eq!(camel_case("second_factor_code"), "secondFactorCode");
    }
}
