//! `[paging]`: where a paged query's records, total and record ids are, and its page sizes.

use toml::Spanned;

use super::Ctxt;
use crate::file::PagingTable;
use crate::model::{BodyPager, Field, Paging, Protocol, Response, Struct, Type};

impl Ctxt<'_> {
    pub(super) fn paging(
        &mut self,
        table: &Spanned<PagingTable>,
        response: Option<&Response>,
        args: &[Field],
        structs: &[Struct],
        protocol: Protocol,
    ) -> Option<Paging> {
        let p = table.get_ref();
        let body_pager = self.body_pager(table, args, structs, protocol);
        let Some(response) = response else {
            self.error(table.span(), "paging: a paged endpoint needs a [response]");
            return None;
        };
        let data = match &response.ty {
            Type::Struct(name) => structs.iter().find(|s| s.name == *name),
            _ => None,
        };
        let (list, item) = self.records(table, response, data)?;
        let total = p.total.as_ref().and_then(|total| {
            let field =
                data.and_then(|d| d.fields.iter().find(|f| f.wire_name == *total.get_ref()));
            match field {
                Some(f) if is_count(&f.ty) => Some(f.clone()),
                Some(_) => {
                    self.error(
                        total.span(),
                        format!(
                            "paging: total '{}' must be an int, long or decimal",
                            total.get_ref()
                        ),
                    );
                    None
                }
                None => {
                    self.error(
                        total.span(),
                        format!(
                            "paging: the response has no field '{}' for the total",
                            total.get_ref()
                        ),
                    );
                    None
                }
            }
        });
        let record = match &item {
            Type::Struct(name) => structs.iter().find(|s| s.name == *name),
            _ => None,
        };
        let id = p.id.as_ref().and_then(|id| {
            self.record_field(
                record,
                id,
                "id",
                |ty| matches!(ty, Type::String | Type::Int | Type::Long),
                "a string, int or long",
            )
        });
        let modified = p.modified.as_ref().and_then(|modified| {
            self.record_field(
                record,
                modified,
                "modified",
                |ty| {
                    matches!(
                        ty,
                        Type::DateTime | Type::Date | Type::String | Type::Int | Type::Long
                    )
                },
                "a datetime, date, string, int or long",
            )
        });
        let default = *p.default_page_size.get_ref();
        let stated = p.max_page_size.as_ref().map(|m| *m.get_ref());
        let assumed = p.assumed_max_page_size.as_ref().map(|m| *m.get_ref());
        if let (Some(_), Some(a)) = (stated, &p.assumed_max_page_size) {
            self.error(
                a.span(),
                "paging: max_page_size (stated by the page) and assumed_max_page_size exclude each other",
            );
        }
        let ceiling = stated.or(assumed).unwrap_or(u32::MAX);
        if default == 0 || default > ceiling {
            self.error(
                p.default_page_size.span(),
                format!("paging: default_page_size {default} must be between 1 and {ceiling}"),
            );
        }
        for max in [&p.max_page_size, &p.assumed_max_page_size]
            .into_iter()
            .flatten()
        {
            if *max.get_ref() == 0 {
                self.error(max.span(), "paging: a maximum page size must be at least 1");
            }
        }
        Some(Paging {
            list: list.cloned(),
            item,
            total,
            id,
            modified,
            default_page_size: default,
            max_page_size: stated,
            assumed_max_page_size: assumed,
            body_pager,
        })
    }

    /// Qimen's pager fields (`page`, `page_size`: numeric fields of the request struct);
    /// 旗舰版 takes neither, its pager travels in the query string.
    fn body_pager(
        &mut self,
        table: &Spanned<PagingTable>,
        args: &[Field],
        structs: &[Struct],
        protocol: Protocol,
    ) -> Option<BodyPager> {
        let p = table.get_ref();
        if protocol == Protocol::Wdt {
            for key in [&p.page, &p.page_size].into_iter().flatten() {
                self.error(
                    key.span(),
                    "paging: page and page_size are for qimen; the 旗舰版 pager travels in the query string",
                );
            }
            return None;
        }
        let (Some(page), Some(page_size)) = (&p.page, &p.page_size) else {
            self.error(
                table.span(),
                "paging: a qimen endpoint pages in its body: name the request fields with page and page_size",
            );
            return None;
        };
        let request = args
            .first()
            .and_then(|arg| arg.ty.named())
            .and_then(|name| structs.iter().find(|s| s.name == name));
        let mut field = |name: &Spanned<String>, key: &str| match request
            .and_then(|s| s.fields.iter().find(|f| f.wire_name == *name.get_ref()))
        {
            Some(f) if is_count(&f.ty) => Some(f.clone()),
            Some(f) => {
                self.error(
                    name.span(),
                    format!(
                        "paging: {key} '{}' must be an int, long or decimal, not {}",
                        name.get_ref(),
                        f.ty
                    ),
                );
                None
            }
            None => {
                self.error(
                    name.span(),
                    format!("paging: the request has no field '{}'", name.get_ref()),
                );
                None
            }
        };
        let page = field(page, "page");
        let page_size = field(page_size, "page_size");
        Some(BodyPager {
            page: page?,
            page_size: page_size?,
        })
    }

    /// The field of each record that `[paging]`'s `key` names, if it has the right type.
    fn record_field(
        &mut self,
        record: Option<&Struct>,
        name: &Spanned<String>,
        key: &str,
        fits: impl Fn(&Type) -> bool,
        expected: &str,
    ) -> Option<Field> {
        match record.and_then(|s| s.fields.iter().find(|f| f.wire_name == *name.get_ref())) {
            Some(f) if fits(&f.ty) => Some(f.clone()),
            Some(f) => {
                self.error(
                    name.span(),
                    format!(
                        "paging: {key} '{}' must be {expected}, not {}",
                        name.get_ref(),
                        f.ty
                    ),
                );
                None
            }
            None => {
                self.error(
                    name.span(),
                    format!("paging: the records have no field '{}'", name.get_ref()),
                );
                None
            }
        }
    }

    /// The field holding the records (when `list` names one) and the record type.
    fn records<'s>(
        &mut self,
        table: &Spanned<PagingTable>,
        response: &Response,
        data: Option<&'s Struct>,
    ) -> Option<(Option<&'s Field>, Type)> {
        let p = table.get_ref();
        match (&p.list, data) {
            (Some(list), Some(data)) => {
                match data.fields.iter().find(|f| f.wire_name == *list.get_ref()) {
                    Some(
                        field @ Field {
                            ty: Type::List(item),
                            ..
                        },
                    ) => Some((Some(field), (**item).clone())),
                    Some(_) => {
                        self.error(
                            list.span(),
                            format!("paging: '{}' is not a list", list.get_ref()),
                        );
                        None
                    }
                    None => {
                        self.error(
                            list.span(),
                            format!(
                                "paging: response struct '{}' has no field '{}'",
                                data.name,
                                list.get_ref()
                            ),
                        );
                        None
                    }
                }
            }
            (Some(list), None) => {
                self.error(list.span(), "paging: `list` needs a struct [response] type");
                None
            }
            (None, _) => match &response.ty {
                Type::List(item) => Some((None, (**item).clone())),
                _ => {
                    self.error(
                        table.span(),
                        "paging: without `list`, the [response] type must itself be a list",
                    );
                    None
                }
            },
        }
    }
}

/// A type a count or a page number can have.
fn is_count(ty: &Type) -> bool {
    matches!(ty, Type::Int | Type::Long | Type::Decimal)
}
